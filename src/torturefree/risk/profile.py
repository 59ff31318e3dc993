"""A country's facts as of a date: the latest figure of each dataset for a year not after the date.

Every figure keeps the dataset and year it comes from, so findings can cite it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from torturefree.risk.facts import FactBase, Provenance
from torturefree.risk.model import DeathPenaltyStatus, Fact

TREATIES = ("CAT", "OPCAT", "ICCPR-OP2", "CPED")
INDICATORS = (
    "pts_amnesty",
    "pts_hrw",
    "pts_state_department",
    "cirights_torture",
    "cirights_physical_integrity",
)


Picker = Callable[[str, str], "Figure | None"]


class Source(BaseModel):
    """Where a figure comes from: dataset, year of the figure, citation and the imported file."""

    model_config = ConfigDict(frozen=True)

    figure: str
    dataset: str
    year: int
    citation: str
    origin: str
    version: str
    sha256: str


class Figure(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: float | None
    text: str | None
    lower_bound: bool
    unknown: bool
    raw: str
    year: int
    note: str | None = None

    def display(self) -> str:
        if self.unknown:
            return f"unknown ({self.raw.strip()})"
        if self.text is not None:
            return self.text
        return f"{self.value:g}+" if self.lower_bound else f"{self.value:g}"


class CountryProfile(BaseModel):
    model_config = ConfigDict(frozen=True)

    country: str
    date: dt.date
    death_penalty_status: DeathPenaltyStatus | None
    status: Figure | None
    executions: Figure | None
    death_sentences: Figure | None
    ratifications: dict[str, bool | None]
    indicators: dict[str, Figure]
    sources: list[Source]


def build_profile(base: FactBase, country: str, date: dt.date) -> CountryProfile:
    """Pick, per indicator, the latest year not after the date's year."""
    facts = base.facts(country=country)
    sources: list[Source] = []
    latest = _latest(facts, date.year)
    pick = _picker(latest, base.provenance, sources)
    status = pick("amnesty-death-penalty", "status")
    return CountryProfile(
        country=country,
        date=date,
        death_penalty_status=DeathPenaltyStatus(status.text) if status and status.text else None,
        status=status,
        executions=pick("amnesty-death-penalty", "executions"),
        death_sentences=pick("amnesty-death-penalty", "death_sentences"),
        ratifications=_ratifications(facts, base.provenance, sources, date),
        indicators={
            name: f for name in INDICATORS if (f := _indicator(latest, name, pick)) is not None
        },
        sources=sources,
    )


def _latest(facts: list[Fact], year: int) -> dict[tuple[str, str], Fact]:
    chosen: dict[tuple[str, str], Fact] = {}
    for fact in facts:
        key = (fact.dataset, fact.indicator)
        if fact.year <= year and (key not in chosen or chosen[key].year < fact.year):
            chosen[key] = fact
    return chosen


def _picker(
    latest: dict[tuple[str, str], Fact], provenance: dict[str, Provenance], sources: list[Source]
) -> Picker:
    def pick(dataset: str, indicator: str) -> Figure | None:
        fact = latest.get((dataset, indicator))
        if fact is None:
            return None
        sources.append(_source(indicator, fact, provenance[dataset]))
        return Figure(
            value=fact.value,
            text=fact.text,
            lower_bound=fact.lower_bound,
            unknown=fact.unknown,
            raw=fact.raw,
            year=fact.year,
            note=fact.note,
        )

    return pick


def _indicator(latest: dict[tuple[str, str], Fact], name: str, pick: Picker) -> Figure | None:
    dataset = next((d for d, i in latest if i == name), None)
    return None if dataset is None else pick(dataset, name)


def _source(figure: str, fact: Fact, prov: Provenance) -> Source:
    return Source(
        figure=figure,
        dataset=fact.dataset,
        year=fact.year,
        citation=prov.spec.citation(year=fact.year, instrument=figure.removeprefix("party:")),
        origin=prov.origin,
        version=prov.version,
        sha256=prov.sha256,
    )


def _ratifications(
    facts: list[Fact],
    provenance: dict[str, Provenance],
    sources: list[Source],
    date: dt.date,
) -> dict[str, bool | None]:
    """Party on the date: ratified (or acceded) in a year not after it; None when not covered.

    The extract records status when it was made (its vintage), with the year of ratification, so
    earlier dates are answered from that year; later ratifications need a newer extract.
    """
    result: dict[str, bool | None] = {}
    for treaty in TREATIES:
        found = [f for f in facts if f.indicator == f"party:{treaty}"]
        fact = max(found, key=lambda f: f.year) if found else None
        if fact is None:
            result[treaty] = None
            continue
        sources.append(_source(f"party:{treaty}", fact, provenance[fact.dataset]))
        result[treaty] = fact.text == "party" and fact.value is not None and fact.value <= date.year
    return result
