"""Working days (Mon-Fri) and the stop-the-clock SLA."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from torturefree_service.cases.sla import add_working_days, is_working_day, working_days_between

MONDAY = dt.date(2025, 9, 1)


def test_twenty_working_days_from_a_monday_is_four_weeks_later() -> None:
    assert add_working_days(MONDAY, 20) == dt.date(2025, 9, 29)


def test_a_weekend_counts_nothing() -> None:
    assert working_days_between(dt.date(2025, 9, 5), dt.date(2025, 9, 7)) == 0


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.integers(min_value=0, max_value=400),
)
def test_counting_inverts_adding(start: dt.date, days: int) -> None:
    end = add_working_days(start, days)
    assert working_days_between(start, end) == days
    assert days == 0 or is_working_day(end)
