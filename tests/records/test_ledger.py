"""The ledger: appends chain, retries add nothing twice, tampering is found and named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.records import EventType, Ledger, NewEvent
from torturefree.records.events import GENESIS_HASH, canonical_json


def _events(n: int, prefix: str = "e") -> list[NewEvent]:
    return [
        NewEvent(
            EventType.SHIPMENT_RECORDED,
            f"licence/{i % 3}",
            "customs:gate-1",
            {"quantity": i, "note": "café"},
            f"{prefix}-{i}",
        )
        for i in range(n)
    ]


@pytest.fixture
def filled(sqlite_path: Path) -> Path:
    with Ledger.open(sqlite_path) as ledger:
        ledger.append_many(_events(10))
    return sqlite_path


def _raw(path: Path) -> sqlite3.Connection:
    """An attacker with the file: the append-only triggers are the first thing to go."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("DROP TRIGGER ledger_no_delete")
    connection.execute("DROP TRIGGER ledger_no_update")
    return connection


def _verify(path: Path) -> tuple[bool, int | None, str | None]:
    with Ledger.open(path) as ledger:
        result = ledger.verify()
    return result.ok, result.first_broken, result.reason


def test_entries_chain_from_genesis(sqlite_path: Path) -> None:
    with Ledger.open(sqlite_path) as ledger:
        first = ledger.append(
            "application_submitted", "application/1", "trader:7", {"a": 1}, idempotency_key="k1"
        )
        second = ledger.append(
            EventType.CHECKS_RUN, "application/1", "system", [1, 2], idempotency_key="k2"
        )
        assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
        assert (second.seq, second.prev_hash) == (2, first.hash)
        assert ledger.verify().ok
        assert ledger.verify().head_hash == second.hash


def test_canonical_json_sorts_keys_and_keeps_unicode() -> None:
    assert canonical_json({"b": 1, "a": [True, None, "é"]}) == '{"a":[true,null,"é"],"b":1}'
    with pytest.raises(InputError):
        canonical_json({"x": float("nan")})


def test_retried_batch_adds_nothing(sqlite_path: Path) -> None:
    with Ledger.open(sqlite_path) as ledger:
        first = ledger.append_many(_events(5))
        again = ledger.append_many(_events(7))
        assert [e.seq for e in again[:5]] == [e.seq for e in first]
        assert [e.seq for e in again[5:]] == [6, 7]
        assert ledger.head() is not None and ledger.head().seq == 7  # type: ignore[union-attr]


def test_reused_key_for_another_event_is_bad_input(sqlite_path: Path) -> None:
    with Ledger.open(sqlite_path) as ledger:
        ledger.append("decision_taken", "application/1", "officer:1", {"x": 1}, idempotency_key="k")
        with pytest.raises(InputError, match="idempotency_key"):
            ledger.append(
                "decision_taken", "application/1", "officer:1", {"x": 2}, idempotency_key="k"
            )


def test_unknown_event_type_names_the_line(sqlite_path: Path) -> None:
    with Ledger.open(sqlite_path) as ledger:
        events = [*_events(2), NewEvent("licence_stolen", "s", "a", {}, "zz")]
        with pytest.raises(InputError) as caught:
            ledger.append_many(events)
        assert caught.value.line == 3 and caught.value.field == "event_type"
        assert ledger.head() is None  # nothing written


def test_database_refuses_delete_and_update(filled: Path) -> None:
    connection = sqlite3.connect(filled)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM ledger_entry WHERE seq = 3")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        connection.execute("UPDATE ledger_entry SET actor = 'someone' WHERE seq = 3")


def test_one_changed_byte_in_a_payload_is_found(filled: Path) -> None:
    connection = _raw(filled)
    connection.execute("UPDATE ledger_entry SET payload = replace(payload, '4', '5') WHERE seq = 5")
    assert _verify(filled) == (False, 5, "payload altered: digest does not match")


def test_one_changed_byte_in_the_header_is_found(filled: Path) -> None:
    connection = _raw(filled)
    connection.execute("UPDATE ledger_entry SET actor = 'customs:gate-2' WHERE seq = 4")
    ok, broken, reason = _verify(filled)
    assert (ok, broken) == (False, 4) and reason is not None and "hash" in reason


def test_a_deleted_entry_is_found(filled: Path) -> None:
    _raw(filled).execute("DELETE FROM ledger_entry WHERE seq = 6")
    ok, broken, reason = _verify(filled)
    assert (ok, broken) == (False, 6) and reason is not None and "missing" in reason


def test_two_swapped_entries_are_found(filled: Path) -> None:
    connection = _raw(filled)
    connection.execute("UPDATE ledger_entry SET seq = -3 WHERE seq = 3")
    connection.execute("UPDATE ledger_entry SET seq = 3 WHERE seq = 7")
    connection.execute("UPDATE ledger_entry SET seq = 7 WHERE seq = -3")
    ok, broken, _ = _verify(filled)
    assert (ok, broken) == (False, 3)


def test_rehashed_forgery_breaks_the_next_link(filled: Path) -> None:
    """Even recomputing the altered entry's own hash leaves the next entry pointing elsewhere."""
    with Ledger.open(filled) as ledger:
        entry = ledger.get(4)
    assert entry is not None
    from torturefree.records.events import entry_header, header_hash

    forged = entry_header(
        4,
        entry.recorded_at,
        entry.event_type,
        entry.subject,
        "forger",
        entry.idempotency_key,
        entry.payload_digest,
        entry.prev_hash,
    )
    _raw(filled).execute(
        "UPDATE ledger_entry SET actor = 'forger', hash = ? WHERE seq = 4", (header_hash(forged),)
    )
    ok, broken, reason = _verify(filled)
    assert (ok, broken) == (False, 5) and reason is not None and "prev_hash" in reason


def test_checkpoint_finds_a_cut_tail(filled: Path) -> None:
    with Ledger.open(filled) as ledger:
        checkpoint = ledger.checkpoint()
        assert ledger.check_checkpoint(checkpoint).ok
    _raw(filled).execute("DELETE FROM ledger_entry WHERE seq >= 9")
    with Ledger.open(filled) as ledger:
        assert ledger.verify().ok  # the chain alone cannot see a cut tail...
        result = ledger.check_checkpoint(checkpoint)
    assert (result.ok, result.first_broken) == (False, 9)  # ...the checkpoint can


def test_checkpoint_survives_later_appends_and_json(filled: Path) -> None:
    from torturefree.records import Checkpoint

    with Ledger.open(filled) as ledger:
        checkpoint = Checkpoint.from_json(ledger.checkpoint().to_json())
        ledger.append_many(_events(3, prefix="later"))
        assert ledger.check_checkpoint(checkpoint).ok
        with pytest.raises(InputError):
            Checkpoint.from_json('{"seq": "x"}')
