"""Verifying the hash chain, and checkpoints: the head hash at a time, exported, checked later."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from torturefree.errors import InputError
from torturefree.records.events import GENESIS_HASH, Entry, header_hash, sha256_hex


@dataclass(frozen=True)
class Checkpoint:
    """The head of the chain at a moment: keep it outside the database to detect truncation."""

    seq: int
    hash: str
    taken_at: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str, source: str | None = None) -> Checkpoint:
        try:
            data: Any = json.loads(text)
            seq, digest, taken_at = data["seq"], data["hash"], data["taken_at"]
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(
                f"not a checkpoint: {error}", field="checkpoint", source=source
            ) from error
        if not isinstance(seq, int) or not isinstance(digest, str) or len(digest) != 64:
            raise InputError("checkpoint needs an integer seq and a 64-hex hash", source=source)
        return cls(seq=seq, hash=digest, taken_at=str(taken_at))


@dataclass(frozen=True)
class VerifyResult:
    """`ok`, how far it got, and if broken the first broken entry and why."""

    ok: bool
    entries_checked: int
    head_seq: int
    head_hash: str
    first_broken: int | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def verify_entries(entries: Iterable[Entry], checkpoint: Checkpoint | None = None) -> VerifyResult:
    """Walk the chain in seq order; stop at the first entry that is missing, altered or moved."""
    expected, prev, count = 1, GENESIS_HASH, 0
    for entry in entries:
        problem = entry_problem(entry, expected, prev, checkpoint)
        if problem is not None:
            broken = entry.seq if entry.seq == expected else expected
            return VerifyResult(False, count, expected - 1, prev, broken, problem)
        expected, prev, count = expected + 1, entry.hash, count + 1
    return chain_result(count, prev, checkpoint)


def chain_result(count: int, head_hash: str, checkpoint: Checkpoint | None) -> VerifyResult:
    """The verdict on a chain of `count` good entries ending in `head_hash`."""
    if checkpoint is not None and checkpoint.seq > count:
        # Entries after the head have gone: the chain alone cannot see a cut tail.
        reason = (
            f"chain ends at {count} but checkpoint of {checkpoint.taken_at} saw {checkpoint.seq}"
        )
        return VerifyResult(False, count, count, head_hash, count + 1, reason)
    return VerifyResult(True, count, count, head_hash)


def entry_problem(
    entry: Entry, expected: int, prev: str, checkpoint: Checkpoint | None
) -> str | None:
    """Why `entry` cannot be entry `expected` after a head hashed `prev`; None if it can."""
    problem = _problem(entry, expected, prev)
    if problem is None and checkpoint and entry.seq == checkpoint.seq:
        problem = _checkpoint_problem(entry, checkpoint)
    return problem


def _problem(entry: Entry, expected: int, prev: str) -> str | None:
    if entry.seq != expected:
        return f"entry {expected} is missing (next entry found is {entry.seq})"
    if entry.prev_hash != prev:
        return "prev_hash does not match the previous entry's hash (removed or reordered)"
    if header_hash(entry.header()) != entry.hash:
        return "content altered: hash does not match the entry"
    if entry.payload is not None and sha256_hex(entry.payload) != entry.payload_digest:
        return "payload altered: digest does not match"
    return None


def _checkpoint_problem(entry: Entry, checkpoint: Checkpoint) -> str | None:
    if entry.hash == checkpoint.hash:
        return None
    return f"hash differs from the checkpoint taken at {checkpoint.taken_at}"
