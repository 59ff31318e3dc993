"""The request's clocks: by when questions may be asked and a decision is due, and when an adopted
amendment applies, computed from the dated parameters (never from numbers in the code)."""

from __future__ import annotations

import calendar
import datetime as dt

from torturefree.lists.amendments.rules import Rules


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has fewer days (31 Jan -> 28 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def questions_by(rules: Rules, received: dt.date) -> dt.date:
    return add_months(received, int(rules["questions"]))


def decision_by(
    rules: Rules, received: dt.date, urgent: bool, last_answer: dt.date | None
) -> dt.date:
    """Ordinary: 20 weeks (as data) from receipt or the last supplementary information; urgent:
    the urgency route's shorter clock from receipt."""
    if urgent:
        return received + dt.timedelta(days=int(rules["urgency"]["decision_days"]))
    start = max(received, last_answer) if last_answer else received
    return start + dt.timedelta(weeks=int(rules["decision"]))


def objection_until(rules: Rules, decided: dt.date, extended: bool = False) -> dt.date:
    """The last day participants may object to an adopted amendment."""
    period = rules["objection"]
    months = int(period["period"]) + (int(period["extension"]) if extended else 0)
    return add_months(decided, months)


def applies_from(rules: Rules, decided: dt.date, urgent: bool, extended: bool = False) -> dt.date:
    """The first day an adopted amendment applies: urgent, right after the decision (it stays
    until an objection repeals it); ordinary, the day after the objection period ends."""
    if urgent:
        return decided + dt.timedelta(days=int(rules["urgency"]["applies_after_days"]))
    return objection_until(rules, decided, extended) + dt.timedelta(days=1)
