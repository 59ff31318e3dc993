"""What findings say: the query, the evidence as shown, each finding and the whole assessment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from torturefree.risk.catalogue import LegalCitation
from torturefree.risk.model import Citation, DeathPenaltyStatus, Practice, Weight
from torturefree.risk.profile import Figure, Source
from torturefree.vocabulary import Category, Knowledge

TORTURE_CATEGORIES = frozenset({Category.TORTURE_ONLY, Category.TORTURE_CAPABLE})


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class EvidenceRef(_Out):
    """An evidence item as shown in findings, with the weight the law gives its kind."""

    id: str
    kind: str
    weight: Weight
    legal_basis: LegalCitation
    date: dt.date
    issuing_body: str
    citation: Citation
    summary: str
    practices: list[Practice]
    goods: list[str]
    end_users: list[str]
    concerns: list[Knowledge]
    within_lookback: bool
    reliability: str | None
    review_date: dt.date | None


class Finding(_Out):
    code: str
    concerns: list[Knowledge]
    summary: str
    legal_basis: list[LegalCitation]
    evidence: list[str] = []
    sources: list[Source] = []


class GeneralAuthorisation(_Out):
    destination_set: str
    citation: str | None
    href: str | None
    valid_from: dt.date | None
    data_release: str


class Assessment(_Out):
    country: str
    country_name: str
    region: str | None
    date: dt.date
    categories: list[Category]
    end_user: str | None
    death_penalty_status: DeathPenaltyStatus | None
    general_authorisation_destination: bool
    general_authorisation: GeneralAuthorisation
    ratifications: dict[str, bool | None]
    executions: Figure | None
    death_sentences: Figure | None
    indicators: dict[str, Figure]
    lookback_years: int
    evidence: list[EvidenceRef]
    findings: list[Finding]
    sources: list[Source]
    notice: str = "Findings inform the officer's judgement; they neither grant nor refuse."


@dataclass(frozen=True)
class RiskQuery:
    """An application's facts that findings need; no categories means both concerns are shown."""

    country: str
    date: dt.date
    categories: frozenset[Category] = frozenset()
    end_user: str | None = None
    end_use_information: bool | None = None
    lookback_years: int | None = None

    @property
    def concerns(self) -> frozenset[Knowledge]:
        if not self.categories:
            return frozenset(Knowledge)
        found = {Knowledge.TORTURE} if self.categories & TORTURE_CATEGORIES else set()
        if any(c.concerns_death_penalty for c in self.categories):
            found.add(Knowledge.CAPITAL_PUNISHMENT)
        return frozenset(found)
