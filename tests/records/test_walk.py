"""The fast verify: same verdicts as the reference walk, old ledgers still verify, in parallel too."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from torturefree.records import EventType, Ledger, NewEvent
from torturefree.records.backend import SQLiteBackend
from torturefree.records.chain import VerifyResult, verify_entries
from torturefree.records.events import canonical_json, entry_header, header_hash, header_text
from torturefree.records.schema import LEDGER_COLUMNS
from torturefree.records.verify import _in_parallel, verify_rows

FIXTURES = Path(__file__).parent / "fixtures"
# Written by the committed code before the fast verify existed (header hashed through
# entry_header + the canonical encoder); odd text, a purged payload, a purge event.
OLD_LEDGER = FIXTURES / "ledger-v1.jsonl"


def _old_rows() -> list[dict[str, object]]:
    lines = OLD_LEDGER.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _load_old(path: Path) -> None:
    Ledger.open(path).close()  # the schema
    names = LEDGER_COLUMNS.split(", ")
    connection = sqlite3.connect(path, isolation_level=None)
    marks = ", ".join("?" for _ in names)
    rows = [tuple(row[name] for name in names) for row in _old_rows()]
    connection.executemany(f"INSERT INTO ledger_entry VALUES ({marks})", rows)
    connection.close()


def _both(path: Path, workers: int = 3) -> tuple[VerifyResult, VerifyResult, VerifyResult]:
    """Reference walk over Entry objects, the fast walk, and the fast walk in processes."""
    with Ledger.open(path) as ledger:
        reference = verify_entries(ledger.entries())
        fast = verify_rows(ledger.backend, workers=1)
        parallel = verify_rows(ledger.backend, workers=workers, parallel_from=1)
    return reference, fast, parallel


def test_a_ledger_written_before_the_fast_verify_still_verifies(sqlite_path: Path) -> None:
    _load_old(sqlite_path)
    reference, fast, parallel = _both(sqlite_path)
    head = str(_old_rows()[-1]["hash"])
    assert reference == fast == parallel
    assert (fast.ok, fast.entries_checked, fast.head_hash) == (True, 12, head)


def test_the_old_ledger_with_one_changed_byte_is_broken(sqlite_path: Path) -> None:
    _load_old(sqlite_path)
    connection = sqlite3.connect(sqlite_path, isolation_level=None)
    connection.execute("DROP TRIGGER ledger_no_update")
    connection.execute("UPDATE ledger_entry SET subject = subject || ' ' WHERE seq = 4")
    reference, fast, parallel = _both(sqlite_path)
    assert reference == fast == parallel
    assert (fast.ok, fast.first_broken) == (False, 4)


_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@given(_TEXT, _TEXT, _TEXT, _TEXT, st.integers(min_value=0, max_value=1 << 62))
def test_header_text_is_the_canonical_json_of_the_header(
    subject: str, actor: str, key: str, at: str, seq: int
) -> None:
    fields = (seq, at, "checks_run", subject, actor, key, "d" * 64, "p" * 64)
    assert header_text(*fields) == canonical_json(entry_header(*fields))


def _events(n: int) -> list[NewEvent]:
    return [
        NewEvent(
            EventType.CHECKS_RUN, f"application/{i % 5}", "system", {"i": i, "t": "é"}, f"k{i}"
        )
        for i in range(n)
    ]


@pytest.fixture
def ledger_30(sqlite_path: Path) -> Path:
    with Ledger.open(sqlite_path) as ledger:
        ledger.append_many(_events(30))
    return sqlite_path


def _swap(c: sqlite3.Connection, a: int, b: int) -> None:
    c.execute("UPDATE ledger_entry SET seq = -1 WHERE seq = ?", (a,))
    c.execute("UPDATE ledger_entry SET seq = ? WHERE seq = ?", (a, b))
    c.execute("UPDATE ledger_entry SET seq = ? WHERE seq = -1", (b,))


def _rehash(c: sqlite3.Connection, seq: int) -> None:
    """A forger who also recomputes the altered entry's hash: only the next link shows it."""
    row = c.execute(f"SELECT {LEDGER_COLUMNS} FROM ledger_entry WHERE seq = ?", (seq,)).fetchone()
    forged = entry_header(seq, row[1], row[2], row[3], "forger", row[5], row[7], row[8])
    c.execute(
        "UPDATE ledger_entry SET actor = 'forger', hash = ? WHERE seq = ?",
        (header_hash(forged), seq),
    )


# With 30 entries and 3 workers the ranges start at 1, 11 and 21: tamper on both sides of a seam.
TAMPERING: dict[str, Callable[[sqlite3.Connection], None]] = {
    "payload byte": lambda c: c.execute(
        "UPDATE ledger_entry SET payload = replace(payload, 'é', 'e') WHERE seq = 15"
    ),
    "header byte": lambda c: c.execute("UPDATE ledger_entry SET actor = 'sys' WHERE seq = 21"),
    "first of a range deleted": lambda c: c.execute("DELETE FROM ledger_entry WHERE seq = 11"),
    "last of a range deleted": lambda c: c.execute("DELETE FROM ledger_entry WHERE seq = 20"),
    "a whole range deleted": lambda c: c.execute(
        "DELETE FROM ledger_entry WHERE seq >= 11 AND seq <= 20"
    ),
    "swapped across a seam": lambda c: _swap(c, 10, 11),
    "swapped inside a range": lambda c: _swap(c, 23, 27),
    "moved below the first": lambda c: c.execute("UPDATE ledger_entry SET seq = 0 WHERE seq = 1"),
    "moved past the head": lambda c: c.execute("UPDATE ledger_entry SET seq = 99 WHERE seq = 12"),
    "forged hash": lambda c: c.execute(
        "UPDATE ledger_entry SET hash = ? WHERE seq = 20", ("f" * 64,)
    ),
    "rehashed forgery before a seam": lambda c: _rehash(c, 10),
    "rehashed forgery inside a range": lambda c: _rehash(c, 25),
    "blob in a text column": lambda c: c.execute(
        "UPDATE ledger_entry SET actor = CAST('system' AS BLOB) WHERE seq = 25"
    ),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_fast_and_parallel_verify_name_the_same_broken_entry(ledger_30: Path, name: str) -> None:
    connection = sqlite3.connect(ledger_30, isolation_level=None)
    connection.execute("DROP TRIGGER ledger_no_delete")
    connection.execute("DROP TRIGGER ledger_no_update")
    TAMPERING[name](connection)
    connection.close()
    reference, fast, parallel = _both(ledger_30)
    assert not reference.ok
    assert reference == fast == parallel


def test_parallel_verify_of_a_clean_ledger_reaches_the_head(ledger_30: Path) -> None:
    reference, fast, parallel = _both(ledger_30, workers=4)
    assert reference == fast == parallel and parallel.ok and parallel.entries_checked == 30


def test_clean_ranges_link_up_and_a_broken_one_sends_back_to_the_single_walk(
    ledger_30: Path,
) -> None:
    with Ledger.open(ledger_30) as ledger:
        joined = _in_parallel(ledger.backend, None, 3, 1)
        head = ledger.head()
    assert joined is not None and head is not None
    assert (joined.count, joined.last_hash, joined.reason) == (30, head.hash, None)
    connection = sqlite3.connect(ledger_30, isolation_level=None)
    connection.execute("DROP TRIGGER ledger_no_update")
    _rehash(connection, 10)
    with Ledger.open(ledger_30) as ledger:
        assert _in_parallel(ledger.backend, None, 3, 1) is None


def test_a_connection_passed_in_is_verified_in_this_process(ledger_30: Path) -> None:
    backend = SQLiteBackend(sqlite3.connect(ledger_30), owned=False)
    assert backend.target is None  # nothing another process could reopen
    assert verify_rows(backend, workers=4, parallel_from=1).entries_checked == 30


@pytest.mark.postgres
def test_parallel_verify_on_postgresql_links_ranges_and_names_a_broken_entry(pg_url: str) -> None:
    psycopg = pytest.importorskip("psycopg")
    with Ledger.open(pg_url) as ledger:
        ledger.append_many(_events(30))
        joined = _in_parallel(ledger.backend, None, 3, 1)
        assert joined is not None and joined.count == 30
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_guard")
        raw.execute("UPDATE ledger_entry SET actor = 'x' WHERE seq = 11")
    with Ledger.open(pg_url) as ledger:
        reference = verify_entries(ledger.entries())
        parallel = verify_rows(ledger.backend, workers=3, parallel_from=1)
    assert reference == parallel and (parallel.ok, parallel.first_broken) == (False, 11)
