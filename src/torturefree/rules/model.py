"""The shape of jurisdiction profiles (data/profiles) and decision tables (data/rules)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field, model_validator

from torturefree.lists.model import Citation, Strict
from torturefree.vocabulary import Activity, Category, Outcome


class ReviewPeriod(Strict):
    """How long a refused applicant has to ask for review or appeal, and from when it runs."""

    days: Annotated[int, Field(ge=1, le=366)]
    counted_from: str
    citation: Citation
    note: str | None = None


class ProfileFile(Strict):
    """data/profiles/<ID>.yaml: which instruments a jurisdiction applies and how.

    `identify_with` names the instruments whose codes, CAS numbers and terms identify goods;
    when it differs from `instruments`, identified entries are mapped by `corresponds_to`.
    """

    title: str
    instruments: Annotated[list[str], Field(min_length=1)]
    rules: Annotated[list[str], Field(min_length=1)]
    identify_with: list[str] = Field(default_factory=list)
    territory: str | None = None
    binding: bool = True
    options: dict[str, bool] = Field(default_factory=dict)
    review: ReviewPeriod | None = None
    citation: Citation
    note: str | None = None


class NationalMeasuresFile(Strict):
    """data/profiles/national/<CC>.yaml: a member state's options under Arts 10, 14 and 15(4).

    `review`: the national time limit for asking a review of a refusal (the Regulation sets none).
    """

    title: str
    options: dict[str, bool]
    review: ReviewPeriod | None = None
    citation: Citation


class Clause(Strict):
    """One row of a decision table: when every condition holds, this is the outcome and why."""

    id: str
    when: dict[str, Any] = Field(default_factory=dict)
    outcome: Outcome
    citation: Citation
    detail: str


class Match(Strict):
    """Which goods and activities a table decides: any listed annex, category or item."""

    activity: Annotated[list[Activity], Field(min_length=1)]
    annex: list[str] = Field(default_factory=list)
    category: list[Category] = Field(default_factory=list)
    item: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _goods_named(self) -> Match:
        if not (self.annex or self.category or self.item):
            raise ValueError("a table must match at least one annex, category or item")
        return self


class Table(Strict):
    """A dated decision table: clauses tried in order; the last must always apply."""

    id: str
    match: Match
    valid_from: dt.date
    valid_until: dt.date | None = None
    clauses: Annotated[list[Clause], Field(min_length=1)]

    @model_validator(mode="after")
    def _ends_with_default(self) -> Table:
        if self.clauses[-1].when:
            raise ValueError(f"table '{self.id}': the last clause must have no conditions")
        return self


class RulesFile(Strict):
    """data/rules/<id>.yaml: the decision tables of one instrument."""

    instrument: str
    lists: list[str] = Field(default_factory=list)
    tables: list[Table]

    @property
    def decides(self) -> list[str]:
        """The instruments whose entries these tables decide (by default, the rules' own)."""
        return self.lists or [self.instrument]
