"""The reply deadline of a pre-export notice comes from the sender's profile in data/."""

from __future__ import annotations

import datetime as dt

import pytest

from torturefree.exchange.deadlines import _rule, pre_export_reply_deadline
from torturefree.exchange.errors import ExchangeError
from torturefree.lists import load_catalogue

SENT = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def snapshot():  # type: ignore[no-untyped-def]
    return load_catalogue().snapshot(SENT)


@pytest.mark.parametrize("profile", ["EU", "GB", "US", "UN-A", "UN-A+DP", "UN-B"])
def test_every_profile_has_a_reply_period_with_its_citation(snapshot, profile: str) -> None:  # type: ignore[no-untyped-def]
    deadline = pre_export_reply_deadline(snapshot, profile, SENT)
    value = snapshot.parameter("exchange-pre-export-reply").value[profile]
    assert deadline.reply_by == SENT + dt.timedelta(days=value["days"])
    assert deadline.if_no_reply == value["if_no_reply"]
    assert "¶95" in deadline.citation and deadline.verified is False
    assert deadline.passed(deadline.reply_by + dt.timedelta(days=1))
    assert not deadline.passed(deadline.reply_by)


def test_a_profile_the_data_does_not_give_is_an_error(snapshot) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ExchangeError, match="no reply period for profile 'XX'"):
        pre_export_reply_deadline(snapshot, "XX", SENT)


def test_a_rule_reads_hold_and_refuses_anything_else() -> None:
    assert _rule({"P": {"days": 10, "if_no_reply": "hold"}}, "P") == (10, "hold")
    with pytest.raises(ExchangeError, match="if_no_reply"):
        _rule({"P": {"days": 10, "if_no_reply": "wait"}}, "P")
    with pytest.raises(ExchangeError, match="days"):
        _rule({"P": {"days": 0, "if_no_reply": "hold"}}, "P")
