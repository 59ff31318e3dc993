"""Reads: denial lists and the search for essentially identical transactions (Art. 12(1), 23(2))."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet
from rapidfuzz import fuzz

from torturefree_service.denials.models import Denial, DenialKind, Direction

# Names at least this similar (rapidfuzz token-sort ratio on folded names) are the same party.
NAME_SIMILARITY = 85.0
_NOISE = re.compile(r"[^\w\s]")
_LEGAL_FORMS = {
    "ltd",
    "limited",
    "llc",
    "inc",
    "gmbh",
    "sa",
    "sarl",
    "srl",
    "bv",
    "ag",
    "co",
    "corp",
}


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = _NOISE.sub(" ", text).split()
    return " ".join(w for w in words if w not in _LEGAL_FORMS)


@dataclass(frozen=True)
class Found:
    denial: Denial
    score: float
    reasons: list[str]


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def essentially_identical(
    *,
    activity: str,
    destination: str,
    entries: set[str],
    end_user_name: str,
    since: dt.date,
) -> list[Found]:
    """Other states' dismissals in the look-back window for the same activity and destination,
    sharing a list entry (when the denial names entries) and the end user (when it names one)."""
    candidates = Denial.objects.filter(
        direction=Direction.INCOMING,
        kind=DenialKind.DISMISSAL,
        revoked=False,
        activity=activity,
        destination=destination,
        decided_on__gte=since,
    )
    found = []
    wanted_user = fold(end_user_name)
    for denial in candidates:
        reasons = [f"same activity ({activity}) and destination ({destination})"]
        score = 0.5
        shared = sorted(entries & set(denial.entries or []))
        if denial.entries:
            if not shared:
                continue
            reasons.append(f"same goods: {', '.join(shared)}")
            score += 0.25
        if denial.end_user_name:
            similarity = fuzz.token_sort_ratio(wanted_user, fold(denial.end_user_name))
            if similarity < NAME_SIMILARITY:
                continue
            reasons.append(f"same end user ({denial.end_user_name}, similarity {similarity:.0f})")
            score += 0.25 * similarity / 100
        if not denial.entries and not denial.end_user_name:
            continue  # destination alone is not an essentially identical transaction
        found.append(Found(denial, round(score, 3), reasons))
    return sorted(found, key=lambda f: -f.score)


def denial_list(
    *,
    direction: str | None = None,
    destination: str | None = None,
    overdue_on: dt.date | None = None,
) -> QuerySet[Denial]:
    denials = Denial.objects.all().order_by("-decided_on", "-id")
    if direction:
        denials = denials.filter(direction=direction)
    if destination:
        denials = denials.filter(destination=destination.upper())
    if overdue_on is not None:
        denials = denials.filter(notified_on__isnull=True, notify_by__lt=overdue_on)
    return denials
