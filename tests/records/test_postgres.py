"""The same ledger guarantees on PostgreSQL: chaining, tamper detection, the append-only trigger."""

from __future__ import annotations

import psycopg
import pytest

from torturefree.records import EventType, Ledger, NewEvent
from torturefree.records.store import Store

from .scenario import Scenario

pytestmark = pytest.mark.postgres


def test_tampering_is_found_on_postgresql(pg_url: str) -> None:
    with Ledger.open(pg_url) as ledger:
        ledger.append_many([NewEvent(EventType.CHECKS_RUN, "application/1", "system", {"n": i},
                                     f"k{i}") for i in range(6)])  # fmt: skip
        assert ledger.verify().ok
    with psycopg.connect(pg_url, autocommit=True) as raw:
        with pytest.raises(psycopg.errors.RaiseException):
            raw.execute("DELETE FROM ledger_entry WHERE seq = 2")
        raw.execute("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_guard")
        raw.execute("UPDATE ledger_entry SET payload = '{\"n\":9}' WHERE seq = 3")
    with Ledger.open(pg_url) as ledger:
        result = ledger.verify()
    assert (result.ok, result.first_broken) == (False, 3)


def test_store_round_trips_on_postgresql(pg_url: str) -> None:
    s = Scenario().apply("A", "2024-02-01").decide("A", 1, "2024-03-01", "issued", line_version=1)
    with Store.open(pg_url) as store:
        store.write(s.records)
        store.write(s.records)  # a retried write adds nothing
        lines = store.arrow("licence_line")
        assert store.count("decision") == 1
    assert lines.column("quantity").to_pylist() == [100.0]
