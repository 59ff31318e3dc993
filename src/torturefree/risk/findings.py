"""Risk findings for a destination, end user and goods: what the officer must weigh, with sources.

Findings never grant or refuse: "reasonable grounds to believe" (Art. 12(2), 17(2)) is the
officer's judgement. They put the evidence and the facts in front of the officer with their sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from torturefree.risk.assessment import (
    Assessment,
    EvidenceRef,
    Finding,
    GeneralAuthorisation,
    RiskQuery,
)
from torturefree.risk.catalogue import FindingsFile, KindsFile, load_findings_config, load_kinds
from torturefree.risk.countries import Country, CountryTable, load_countries
from torturefree.risk.facts import FactBase
from torturefree.risk.law import CatalogueLaw, DestinationAnswer, DestinationLaw
from torturefree.risk.model import EvidenceItem
from torturefree.risk.profile import CountryProfile, Source, build_profile
from torturefree.risk.rules import Rules
from torturefree.risk.store import EvidenceStore


@dataclass
class RiskContext:
    """Everything findings read: the register, the country facts, the law and the legal bases."""

    store: EvidenceStore
    facts: FactBase
    law: DestinationLaw
    countries: CountryTable
    kinds: KindsFile
    config: FindingsFile


def open_context(
    store: EvidenceStore, *, data_root: Path | None = None, law_root: Path | None = None
) -> RiskContext:
    config = load_findings_config(data_root)
    return RiskContext(
        store=store,
        facts=FactBase(store, data_root),
        law=CatalogueLaw(config.destination_set, law_root),
        countries=load_countries(data_root),
        kinds=load_kinds(data_root),
        config=config,
    )


def assess(context: RiskContext, query: RiskQuery) -> Assessment:
    """The findings for one destination on one date."""
    country = context.countries.require(query.country, field="country")
    profile = build_profile(context.facts, country.alpha2, query.date)
    law = context.law.general_authorisation(country.alpha2, query.date)
    lookback = query.lookback_years or context.kinds.lookback.default_years
    refs = _evidence(context, country, query.date, lookback)
    rules = Rules(context.config, query, profile, law, refs)
    return _assessment(country, query, profile, law, lookback, refs, rules.findings())


def _evidence(
    context: RiskContext, country: Country, date: dt.date, lookback: int
) -> list[EvidenceRef]:
    start = _years_before(date, lookback)
    items = [i for i in context.store.items(country.alpha2) if i.date <= date]
    return [_ref(item, context.kinds, item.date >= start) for item in items]


def _years_before(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year - years)
    except ValueError:  # 29 February
        return date.replace(year=date.year - years, day=28)


def _ref(item: EvidenceItem, kinds: KindsFile, within: bool) -> EvidenceRef:
    rule = kinds.kinds[item.kind]
    return EvidenceRef(
        id=item.id,
        kind=item.kind.value,
        weight=rule.weight,
        legal_basis=rule.citation,
        date=item.date,
        issuing_body=item.issuing_body,
        citation=item.citation,
        summary=item.summary,
        practices=item.practices,
        goods=item.goods,
        end_users=item.end_users,
        concerns=sorted(item.concerns, key=lambda k: k.value),
        within_lookback=within,
        reliability=item.reliability,
        review_date=item.review_date,
    )


def _assessment(
    country: Country,
    query: RiskQuery,
    profile: CountryProfile,
    law: DestinationAnswer,
    lookback: int,
    refs: list[EvidenceRef],
    findings: list[Finding],
) -> Assessment:
    return Assessment(
        country=country.alpha2,
        country_name=country.name,
        region=country.region_name or None,
        date=query.date,
        categories=sorted(query.categories, key=lambda c: c.value),
        end_user=query.end_user,
        death_penalty_status=profile.death_penalty_status,
        general_authorisation_destination=law.member,
        general_authorisation=GeneralAuthorisation(
            destination_set=law.set_title,
            citation=law.citation_title,
            href=law.citation_href,
            valid_from=law.valid_from,
            data_release=law.release,
        ),
        ratifications=profile.ratifications,
        executions=profile.executions,
        death_sentences=profile.death_sentences,
        indicators=profile.indicators,
        lookback_years=lookback,
        evidence=refs,
        findings=findings,
        sources=_unique(profile.sources),
    )


def _unique(sources: list[Source]) -> list[Source]:
    return list(dict.fromkeys(sources))
