"""Grading a request's evidence against the published standard, and whether it is admissible."""

from __future__ import annotations

from dataclasses import dataclass

from torturefree.lists.amendments.model import Evidence
from torturefree.lists.amendments.rules import Rules


@dataclass(frozen=True)
class Graded:
    item: Evidence
    grade: str | None  # None: a kind the standard does not know


def grade_all(rules: Rules, items: list[Evidence]) -> list[Graded]:
    """Each item's grade is its kind's under the standard: the requester does not choose it."""
    by_kind = {
        kind: grade for grade, kinds in rules["evidence"]["grades"].items() for kind in kinds
    }
    return [Graded(item, by_kind.get(item.kind)) for item in items]


def admissible(rules: Rules, graded: list[Graded]) -> tuple[bool, str]:
    """Whether the evidence meets one of the standard's thresholds, and why in words. Items of
    one grade count once per publisher: two reports of one NGO are one source."""
    for threshold in rules["evidence"]["admissible"]:
        grade, count = threshold["grade"], int(threshold["count"])
        publishers = {g.item.publisher for g in graded if g.grade == grade}
        if len(publishers) >= count:
            return True, f"{len(publishers)} source(s) of grade {grade} (needs {count})"
    needs = " or ".join(
        f"{t['count']} of grade {t['grade']}" for t in rules["evidence"]["admissible"]
    )
    return (
        False,
        f"the evidence does not meet the standard: needs {needs} ({rules.cite('evidence')})",
    )
