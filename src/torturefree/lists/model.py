"""The shape of the law-as-data files under data/ (docs/data-format.md), validated strictly."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from torturefree.vocabulary import Category

CN_CODE = re.compile(r"^\d{2,4}( ?\d{2}){0,3}$")
CAS_NUMBER = re.compile(r"^\d{2,7}-\d{2}-\d$")
LANGUAGE = re.compile(r"^[a-z]{2}$")


class Strict(BaseModel):
    """Every data model refuses unknown keys: a typo in data/ is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """Where a value comes from: the instrument and its article or annex item, and an address."""

    title: Annotated[str, Field(min_length=3)]
    href: str | None = None
    verified: bool = True
    note: str | None = None


class CNCode(Strict):
    """A Combined Nomenclature / HS code; `ex` means the entry covers only part of its scope."""

    code: str
    ex: bool = False

    @field_validator("code")
    @classmethod
    def _digits(cls, code: str) -> str:
        if not CN_CODE.match(code):
            raise ValueError(f"'{code}' is not a CN/HS code (2-8 digits, spaced in pairs after 4)")
        return code

    @property
    def digits(self) -> str:
        return self.code.replace(" ", "")


class CASNumber(Strict):
    """A CAS Registry Number, checked with its check digit."""

    number: str
    name: str
    verified: bool = True
    note: str | None = None

    @field_validator("number")
    @classmethod
    def _checksum(cls, number: str) -> str:
        if not CAS_NUMBER.match(number) or not cas_checksum_ok(number):
            raise ValueError(f"'{number}' is not a valid CAS number (format or check digit)")
        return number


def cas_checksum_ok(number: str) -> bool:
    """CAS check digit: sum of digits times their position from the right, modulo 10."""
    digits = number.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * i for i, d in enumerate(reversed(body), start=1))
    return total % 10 == check


class Condition(Strict):
    """A bound on one measured quantity of the goods, e.g. overall length in mm."""

    quantity: str
    unit: str
    min: float | None = None
    max: float | None = None
    min_exclusive: float | None = None
    max_exclusive: float | None = None

    def holds(self, value: float) -> bool:
        if self.min is not None and value < self.min:
            return False
        if self.max is not None and value > self.max:
            return False
        if self.min_exclusive is not None and value <= self.min_exclusive:
            return False
        return not (self.max_exclusive is not None and value >= self.max_exclusive)


class Question(Strict):
    """The question that obtains one figure of a rule, per language, and what its answer decides."""

    parameter: str  # a Condition.quantity of the rule
    text: dict[str, str]
    decides: dict[str, str]


class ParameterRule(Strict):
    """A technical parameter of an entry: goods meeting `all_of` are excluded, or required, or typical."""

    id: str
    effect: Literal["excluded", "required", "indicative"]
    description: str
    all_of: list[Condition]
    citation: Citation | None = None
    # What to ask when a figure of all_of is not given (goods_v2 asks, never assumes).
    questions: list[Question] = Field(default_factory=list)


Terms = dict[str, list[str]]


def _check_terms(terms: Terms) -> Terms:
    for language, words in terms.items():
        if not LANGUAGE.match(language):
            raise ValueError(f"'{language}' is not a two-letter language code")
        if any(not w.strip() for w in words):
            raise ValueError(f"empty term in language '{language}'")
    return terms


class Exclusion(Strict):
    """Goods the entry does not cover though they look alike (e.g. chairs fitted only with straps)."""

    id: str
    description: str
    terms: Terms = Field(default_factory=dict)
    citation: Citation | None = None

    _terms = field_validator("terms")(classmethod(lambda cls, v: _check_terms(v)))


class EntryVersion(Strict):
    """One dated version of a list entry: its annex, item number and identifying facts."""

    valid_from: dt.date
    valid_until: dt.date | None = None
    annex: str
    item: str
    category: Category
    title: str
    notes: list[str] = Field(default_factory=list)
    cn_codes: list[CNCode] = Field(default_factory=list)
    cas: list[CASNumber] = Field(default_factory=list)
    parameters: list[ParameterRule] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    citation: Citation
    verified: bool = True
    # Optional: words naming the goods only in this version (e.g. gang chains inside "Shackles
    # and gang chains" until 2025-08-19); the entry's own `terms` apply to every version.
    terms: Terms = Field(default_factory=dict)

    _terms = field_validator("terms")(classmethod(lambda cls, v: _check_terms(v)))

    @model_validator(mode="after")
    def _period(self) -> EntryVersion:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError(
                f"valid_until {self.valid_until} is before valid_from {self.valid_from}"
            )
        return self


class EntryFile(Strict):
    """One list entry (file data/lists/<instrument>/<slug>.yaml; its id is the path)."""

    instrument: str
    versions: Annotated[list[EntryVersion], Field(min_length=1)]
    terms: Terms = Field(default_factory=dict)
    corresponds_to: list[str] = Field(default_factory=list)
    related_substances: list[CASNumber] = Field(default_factory=list)
    verified: bool = True
    sources: list[Citation] = Field(default_factory=list)

    _terms = field_validator("terms")(classmethod(lambda cls, v: _check_terms(v)))


class Amendment(Strict):
    id: str
    title: str
    href: str | None = None
    in_force: dt.date
    applies_from: dt.date | None = None
    changes: str
    # Optional: a date or title not read in a primary source (e.g. a Federal Register date).
    verified: bool = True
    note: str | None = None


class InstrumentFile(Strict):
    """A legal instrument (data/instruments/<id>.yaml)."""

    title: str
    short: str
    href: str | None = None
    in_force: dt.date
    binding: bool = True
    amended_by: list[Amendment] = Field(default_factory=list)
    verified: bool = True
    note: str | None = None


class Member(Strict):
    """A country or territory in a dated destination set, with the act that put it there."""

    country: str
    name: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    citation: Citation
    part_of: str | None = None
    verified: bool = True

    @field_validator("country")
    @classmethod
    def _alpha2(cls, code: str) -> str:
        if not re.match(r"^[A-Z]{2}$", code):
            raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 code")
        return code


class DestinationSetFile(Strict):
    """A dated set of destinations (data/destinations/<id>.yaml), e.g. EU Annex V."""

    title: str
    instrument: str
    citation: Citation
    members: list[Member]


class ParameterVersion(Strict):
    valid_from: dt.date
    valid_until: dt.date | None = None
    value: Any
    citation: Citation
    supporting: list[Citation] = Field(default_factory=list)
    verified: bool = True


class ParameterFile(Strict):
    """A dated legal parameter (data/parameters/<id>.yaml): a time limit, a validity period."""

    id: str | None = None
    title: str
    instrument: str | None = None
    unit: str
    counted_from: str | None = None
    versions: Annotated[list[ParameterVersion], Field(min_length=1)]
