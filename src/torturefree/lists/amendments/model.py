"""What a request and the mechanism's other records hold, validated strictly (docs/amendments.md)."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from torturefree.lists.model import CNCode, Strict, Terms
from torturefree.vocabulary import Category

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
Text = Annotated[str, Field(min_length=1)]


class Change(StrEnum):
    """What a request asks for an entry."""

    ADD = "add"
    CHANGE = "change"
    MOVE = "move"  # to another annex or category
    REMOVE = "remove"


class Evidence(Strict):
    """One item of evidence of use for torture, ill-treatment or capital punishment."""

    kind: str  # graded by the evidentiary standard (parameter amendments/evidentiary-standard)
    title: Text
    publisher: Text
    date: dt.date
    href: str | None = None
    summary: str | None = None


class DraftVersion(Strict):
    """The proposed entry version in the data/ format, without the dates and the citation the
    decision gives it."""

    annex: str
    item: str
    category: Category
    title: Text
    notes: list[str] = Field(default_factory=list)
    cn_codes: list[CNCode] = Field(default_factory=list)
    terms: Terms = Field(default_factory=dict)


class Request(Strict):
    """A substantiated request to amend a list (Reg. (EU) 2019/125 Art. 25(1) as the model)."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    requester: Text  # a participant of the hub's directory (a state or the monitoring body)
    change: Change
    entry: str  # "<instrument>/<slug>": the entry changed, or the new entry's id
    design: Text  # Art. 25(1)(a): design and characteristics
    purposes: list[Text] = Field(min_length=1)  # Art. 25(1)(b): every use the goods can have
    rules_broken: list[Text] = Field(min_length=1)  # Art. 25(1)(c)
    evidence: list[Evidence] = Field(min_length=1)
    hs_codes: list[CNCode] = Field(default_factory=list)
    legitimate_trade: Text  # seed ¶125: the trade an entry could catch (no undue barriers)
    draft: DraftVersion | None = None  # required unless the request removes the entry
    entry_terms: Terms = Field(default_factory=dict)  # a new entry's search terms, every version
    urgent: bool = False
    urgency_grounds: str | None = None  # seed ¶108: the clear and immediate risk

    @field_validator("entry")
    @classmethod
    def _entry_id(cls, entry: str) -> str:
        if not SLUG.match(entry):
            raise ValueError(f"'{entry}' is not an entry id '<instrument>/<slug>'")
        return entry

    @model_validator(mode="after")
    def _consistent(self) -> Request:
        if self.change is Change.REMOVE and self.draft is not None:
            raise ValueError("a removal carries no draft entry")
        if self.change is not Change.REMOVE and self.draft is None:
            raise ValueError(f"a request to {self.change.value} an entry needs its draft")
        if self.urgent and not (self.urgency_grounds or "").strip():
            raise ValueError(
                "an urgent request states the clear and immediate risk (urgency_grounds)"
            )
        return self

    @property
    def instrument(self) -> str:
        return self.entry.split("/", 1)[0]


class Expert(Strict):
    """An expert registered with the mechanism: fields of expertise and UN regional group."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    name: Text
    nationality: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    regional_group: str
    fields: list[str] = Field(min_length=1)


Choice = Literal["yes", "no", "abstain"]


class Event(Strict):
    """One step of a request's procedure, in the order recorded; `data` depends on `kind`."""

    kind: str
    at: dt.date
    by: Text
    data: dict[str, Any] = Field(default_factory=dict)
