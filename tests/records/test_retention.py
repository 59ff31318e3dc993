"""Retention: payloads may be purged only after the period read from data/parameters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.records import EventType, Ledger, RetentionError, RetentionPolicy
from torturefree.records.retention import load_parameter


def test_period_comes_from_the_cited_parameter_file() -> None:
    parameter = load_parameter()
    version = parameter.in_force(dt.date(2025, 1, 1))
    assert RetentionPolicy.load(dt.date(2025, 1, 1)).years == version.value
    assert "CITES" in version.citation.title and version.citation.verified is False


def test_bad_parameter_file_names_the_field(tmp_path: Path) -> None:
    broken = tmp_path / "r.yaml"
    broken.write_text(
        "id: x\ntitle: t\nunit: years\ncounted_from: expiry\nversions:\n"
        "  - {valid_from: 2019-01-01, value: -1, citation: {title: abc}}\n"
    )  # fmt: skip
    with pytest.raises(InputError) as caught:
        load_parameter(broken)
    assert caught.value.field == "versions.0.value"


def test_deletion_before_the_period_ends_is_refused(sqlite_path: Path) -> None:
    policy = RetentionPolicy.load(dt.date(2025, 1, 1))
    with Ledger.open(sqlite_path) as ledger:
        ledger.append(EventType.LICENCE_ISSUED, "licence/9", "officer:1",
                      {"expires_on": "2040-06-30"}, idempotency_key="i9")  # fmt: skip
        keep_until = dt.date(2040 + policy.years, 6, 30)
        with pytest.raises(RetentionError, match=keep_until.isoformat()):
            ledger.purge("licence/9", actor="archivist", policy=policy,
                         today=keep_until - dt.timedelta(days=1))  # fmt: skip
        assert ledger.get(1).payload is not None  # type: ignore[union-attr]
        purge = ledger.purge("licence/9", actor="archivist", policy=policy, today=keep_until)
        assert purge.event_type == EventType.PAYLOAD_PURGED.value
        assert ledger.get(1).payload is None  # type: ignore[union-attr]
        assert ledger.verify().ok  # the digest kept in the header keeps the chain whole


def test_leap_day_expiry_keeps_at_least_the_full_period() -> None:
    policy = RetentionPolicy.load(dt.date(2025, 1, 1))
    assert policy.keep_until([dt.date(2024, 2, 29)]) >= dt.date(2024 + policy.years, 2, 28)
