"""A determination and its reasons: every answer carries the rule, citation and facts it used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from torturefree.vocabulary import Activity, Outcome

ENGINE_VERSION = "rules_v1"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why: the rule that applied, the provision that decides, and the facts it looked at."""

    rule: str
    citation: str
    detail: str
    href: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    binding: bool = True
    verified: bool = True

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule, "citation": self.citation, "detail": self.detail}
        if self.href:
            data["href"] = self.href
        if self.facts:
            data["facts"] = self.facts
        if not self.binding:
            data["binding"] = False
        if not self.verified:
            data["verified"] = False
        return data


@dataclass(frozen=True, slots=True)
class GoodsResult:
    index: int
    outcome: Outcome
    entries: list[dict[str, Any]]
    reasons: list[Reason]
    identified_by: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "outcome": self.outcome.value,
            "identified_by": self.identified_by,
            "entries": self.entries,
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class Determination:
    """The answer for a whole transaction: the most restrictive outcome over its goods."""

    outcome: Outcome
    jurisdiction: str
    date: dt.date
    activity: Activity
    goods: list[GoodsResult]
    reasons: list[Reason]
    data_release: str
    engine_version: str = ENGINE_VERSION
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {} if self.id is None else {"id": self.id}
        data.update(
            outcome=self.outcome.value,
            jurisdiction=self.jurisdiction,
            date=self.date.isoformat(),
            activity=self.activity.value,
            goods=[g.to_dict() for g in self.goods],
            reasons=[r.to_dict() for r in self.reasons],
            data_release=self.data_release,
            engine_version=self.engine_version,
        )
        return data
