"""The closed vocabularies of the fixed contracts (docs/contracts), as enums that know how they combine."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class Category(str, Enum):
    """The four categories of goods of the UN Group of Governmental Experts (seed ¶67, ¶118)."""

    TORTURE_ONLY = "torture_only"
    DEATH_PENALTY_ONLY = "death_penalty_only"
    TORTURE_CAPABLE = "torture_capable"
    DEATH_PENALTY_CAPABLE = "death_penalty_capable"

    @property
    def concerns_death_penalty(self) -> bool:
        return self in (Category.DEATH_PENALTY_ONLY, Category.DEATH_PENALTY_CAPABLE)


class Activity(str, Enum):
    EXPORT = "export"
    IMPORT = "import"
    TRANSIT = "transit"
    BROKERING = "brokering"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    TRAINING = "training"
    TRADE_FAIR = "trade_fair"
    ADVERTISING = "advertising"
    MANUFACTURE = "manufacture"


class EndUse(str, Enum):
    MUSEUM_DISPLAY = "museum_display"
    LAW_ENFORCEMENT = "law_enforcement"
    PEACEKEEPING = "peacekeeping"
    MEDICAL = "medical"
    VETERINARY = "veterinary"
    RESEARCH = "research"
    OTHER = "other"


class Knowledge(str, Enum):
    """What the person knows or has reason to believe the goods are intended for."""

    TORTURE = "torture"
    CAPITAL_PUNISHMENT = "capital_punishment"


class Outcome(str, Enum):
    """Outcome of a determination; combining takes the most restrictive (contracts.md)."""

    PROHIBITED = "prohibited"
    NEEDS_REVIEW = "needs_review"
    LICENCE_REQUIRED = "licence_required"
    GENERAL_AUTHORISATION = "general_authorisation"
    NOT_CONTROLLED = "not_controlled"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    def combine(self, other: Outcome) -> Outcome:
        """The most restrictive of two outcomes: an associative, commutative, idempotent join."""
        return self if self.severity >= other.severity else other

    @staticmethod
    def most_restrictive(outcomes: Iterable[Outcome]) -> Outcome:
        """Combine any number of outcomes; no outcome at all means nothing is controlled."""
        return max(outcomes, key=_SEVERITY.__getitem__, default=Outcome.NOT_CONTROLLED)


_SEVERITY = {
    Outcome.PROHIBITED: 4,
    Outcome.NEEDS_REVIEW: 3,
    Outcome.LICENCE_REQUIRED: 2,
    Outcome.GENERAL_AUTHORISATION: 1,
    Outcome.NOT_CONTROLLED: 0,
}
