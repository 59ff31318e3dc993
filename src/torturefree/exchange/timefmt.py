"""Times on the wire: UTC with `Z` (contract); key validity as ISO dates, inclusive both ends."""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC)


def format_time(moment: dt.datetime) -> str:
    """`2026-12-05T10:00:00Z`, or with milliseconds when the moment has a fraction of a second."""
    moment = moment.astimezone(UTC)
    if moment.microsecond:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> dt.datetime:
    """A UTC time written with `Z`; anything else (no zone, another offset) is a ValueError."""
    if not isinstance(text, str) or not text.endswith("Z") or "T" not in text:
        raise ValueError(f"'{text}' is not a UTC time ending in Z")
    return dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


def parse_day(text: str) -> dt.date:
    """An ISO date `YYYY-MM-DD` (strict: fromisoformat alone also takes week dates)."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"'{text}' is not a date YYYY-MM-DD")
    return dt.date.fromisoformat(text)


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=UTC)


def within(moment: dt.datetime, valid_from: dt.date, valid_until: dt.date | None) -> bool:
    """Whether a moment falls in a validity period of UTC days, both ends included."""
    if moment < day_start(valid_from):
        return False
    return valid_until is None or moment < day_start(valid_until + dt.timedelta(days=1))
