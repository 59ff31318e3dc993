"""Working days for the SLA clock: Monday to Friday.

No public-holiday calendar is counted: none is cited in data/ yet (a national calendar would be
law-like data with its own citation). Stopped days (open questions) push the due date out.
"""

from __future__ import annotations

import datetime as dt


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    day = start
    added = 0
    while added < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            added += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    total = (end - start).days
    weeks, rest = divmod(total, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if is_working_day(start + dt.timedelta(days=weeks * 7 + offset)):
            count += 1
    return count
