"""Walking the chain fast: hash raw rows in a tight loop, one seq range at a time.

Verify is the one operation that touches every entry, so it avoids the per-entry objects,
dicts and JSON encoding the rest of the package uses. The rules stay those of
`chain.verify_entries`: any row the fast test does not pass is re-examined by exactly the
code `verify_entries` runs, so reasons and broken entries are reported the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from torturefree.records.backend import Backend
from torturefree.records.chain import Checkpoint, entry_problem
from torturefree.records.events import entry_from_row, header_text
from torturefree.records.schema import LEDGER_COLUMNS

# Inclusive bounds that cover every seq a BIGINT / SQLite INTEGER can hold.
LOWEST = -(1 << 63)
HIGHEST = (1 << 63) - 1
_ROWS_SQL = f"SELECT {LEDGER_COLUMNS} FROM ledger_entry WHERE seq >= ? AND seq <= ? ORDER BY seq"
_BATCH = 50_000


@dataclass(frozen=True)
class Stretch:
    """What walking one seq range found: how many entries chained, and where it stopped."""

    start: int
    count: int
    first_prev: str | None
    last_hash: str | None
    broken: int | None = None
    reason: str | None = None


def walk_range(
    backend: Backend,
    low: int,
    high: int,
    start: int,
    prev: str | None,
    checkpoint: Checkpoint | None = None,
) -> Stretch:
    """Walk the rows with low <= seq <= high, expecting seq `start` first.

    `prev` is the hash the first row must point to; None takes the first row's word for it
    (a later range, whose first link the caller checks against the range before).
    """
    rows = iter(backend.stream(_ROWS_SQL, (low, high), size=_BATCH))
    first = next(rows, None)
    if first is None:
        return Stretch(start, 0, prev, prev)
    claimed = prev if prev is not None else first[8]
    return _walk(chain((first,), rows), start, claimed, checkpoint)


def _walk(
    rows: Iterable[Sequence[Any]], start: int, prev: str, checkpoint: Checkpoint | None
) -> Stretch:
    first_prev, expected, mark = prev, start, checkpoint.seq if checkpoint else None
    sha = hashlib.sha256
    for seq, at, kind, subject, actor, key, payload, digest, prev_hash, own in rows:
        try:
            good = (
                seq == expected
                and prev_hash == prev
                and sha(
                    header_text(seq, at, kind, subject, actor, key, digest, prev_hash).encode()
                ).hexdigest()
                == own
                and (payload is None or sha(payload.encode()).hexdigest() == digest)
            )
        except (TypeError, AttributeError, UnicodeError):
            good = False  # odd types or text: let the reference code decide and explain
        if not good or seq == mark:
            row = (seq, at, kind, subject, actor, key, payload, digest, prev_hash, own)
            problem = entry_problem(entry_from_row(row), expected, prev, checkpoint)
            if problem is not None:
                broken = seq if seq == expected else expected
                return Stretch(start, expected - start, first_prev, prev, broken, problem)
        expected, prev = expected + 1, own
    return Stretch(start, expected - start, first_prev, prev)
