"""The evidence register's vocabulary: kinds of evidence, practices, items and country facts."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from torturefree.vocabulary import Knowledge

ALPHA2 = re.compile(r"^[A-Z]{2}$")


class EvidenceKind(StrEnum):
    """What an officer is told to weigh (EU 2019/125 Art. 12(2); seed ¶106, ¶127).

    Whether a kind is one the authority *shall* or *may* take into account, and the article that
    says so, is law and lives in data/evidence/evidence-kinds.yaml, not here.
    """

    INTERNATIONAL_COURT_JUDGMENT = "international_court_judgment"
    UN_BODY_FINDING = "un_body_finding"
    COE_BODY_FINDING = "coe_body_finding"
    EU_BODY_FINDING = "eu_body_finding"
    CPT_REPORT = "cpt_report"
    UN_SPECIAL_RAPPORTEUR_REPORT = "un_special_rapporteur_report"
    NATIONAL_COURT_JUDGMENT = "national_court_judgment"
    CIVIL_SOCIETY_REPORT = "civil_society_report"
    DESTINATION_EXPORT_RESTRICTION = "destination_export_restriction"
    OTHER = "other"


class Weight(StrEnum):
    """Art. 12(2): the kinds the authority shall take into account, and those it may."""

    SHALL = "shall"
    MAY = "may"


class Practice(StrEnum):
    """Practices (and goods behind them) that evidence reports: torture or executions."""

    ELECTRIC_SHOCK = "electric_shock"
    RESTRAINTS = "restraints"
    BEATINGS = "beatings"
    CHEMICAL_IRRITANTS = "chemical_irritants"
    STRESS_POSITIONS = "stress_positions"
    JUDICIAL_CORPORAL_PUNISHMENT = "judicial_corporal_punishment"
    ILL_TREATMENT_IN_DETENTION = "ill_treatment_in_detention"
    OTHER_TORTURE = "other_torture"
    LETHAL_INJECTION = "lethal_injection"
    HANGING = "hanging"
    SHOOTING = "shooting"
    BEHEADING = "beheading"
    ELECTROCUTION = "electrocution"
    GAS = "gas"
    OTHER_EXECUTION = "other_execution"

    @property
    def concerns(self) -> Knowledge:
        """Execution methods concern capital punishment (Art. 17); the rest torture (Art. 12)."""
        return Knowledge.CAPITAL_PUNISHMENT if self in _EXECUTIONS else Knowledge.TORTURE


_EXECUTIONS = frozenset(
    {
        Practice.LETHAL_INJECTION,
        Practice.HANGING,
        Practice.SHOOTING,
        Practice.BEHEADING,
        Practice.ELECTROCUTION,
        Practice.GAS,
        Practice.OTHER_EXECUTION,
    }
)


class DeathPenaltyStatus(StrEnum):
    """The four classes of the fixed contract (contracts.md), as Amnesty defines them."""

    ABOLITIONIST_ALL_CRIMES = "abolitionist_all_crimes"
    ABOLITIONIST_ORDINARY_CRIMES = "abolitionist_ordinary_crimes"
    ABOLITIONIST_IN_PRACTICE = "abolitionist_in_practice"
    RETENTIONIST = "retentionist"


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Frozen):
    """Where an evidence item can be read: title, document symbol (e.g. CAT/C/…) or address."""

    title: Annotated[str, Field(min_length=3)]
    symbol: str | None = None
    href: str | None = None


class EvidenceItem(Frozen):
    """One piece of evidence on a country (and maybe a named end user), as the register holds it."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$")]
    kind: EvidenceKind
    issuing_body: Annotated[str, Field(min_length=2)]
    country: str
    date: dt.date
    citation: Citation
    summary: str = ""
    practices: list[Practice] = Field(default_factory=list)
    goods: list[str] = Field(default_factory=list)
    end_users: list[str] = Field(default_factory=list)
    reliability: str | None = None
    review_date: dt.date | None = None

    @field_validator("country")
    @classmethod
    def _alpha2(cls, code: str) -> str:
        if not ALPHA2.match(code):
            raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 code")
        return code

    @property
    def concerns(self) -> frozenset[Knowledge]:
        """What the item is evidence of; an item naming no practice concerns torture."""
        found = {p.concerns for p in self.practices}
        return frozenset(found) if found else frozenset({Knowledge.TORTURE})


class EvidenceVersion(Frozen):
    """One stored version of an item: who changed it, when and why (the register keeps history)."""

    item: EvidenceItem | None
    version: int
    actor: str
    at: dt.datetime
    reason: str

    @property
    def withdrawn(self) -> bool:
        return self.item is None


class Fact(Frozen):
    """One country-year figure from a dataset, with the raw text it was read from.

    `value` is the number (a lower bound when `lower_bound`); `text` carries a class such as a
    death-penalty status; `unknown` marks figures the source itself could not establish ("TBC").
    """

    dataset: str
    country: str
    year: int
    indicator: str
    value: float | None = None
    text: str | None = None
    lower_bound: bool = False
    unknown: bool = False
    raw: str = ""
    note: str | None = None
