"""Statistics by UN M49 region (seed ¶109): evidence, executions, practices and goods reported.

Figures are sums of published lower bounds; a region's total is itself a lower bound when any of
its countries' figures is ("26+") or unknown ("TBC"), and says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from torturefree.risk.countries import CountryTable
from torturefree.risk.findings import RiskContext
from torturefree.risk.model import EvidenceItem, Fact

DEATH_PENALTY = "amnesty-death-penalty"
UNPLACED = "(no M49 region)"


def region_statistics(context: RiskContext, year: int) -> dict[str, Any]:
    """One entry per region for the year, with the dataset and year each figure comes from."""
    table = context.countries
    facts = [f for f in context.facts.facts() if f.dataset == DEATH_PENALTY and f.year == year]
    items = [i for i in context.store.items() if i.date.year == year]
    regions: dict[str, dict[str, Any]] = defaultdict(_empty)
    for fact in facts:
        _add_fact(regions[_region(table, fact.country)], fact)
    for item in items:
        _add_item(regions[_region(table, item.country)], item)
    return {
        "year": year,
        "regions": [{"region": name, **_finish(stats)} for name, stats in sorted(regions.items())],
        "sources": _sources(context, year, bool(facts), bool(items)),
    }


def _region(table: CountryTable, code: str) -> str:
    country = table.get(code)
    return country.region_name if country and country.region_name else UNPLACED


def _empty() -> dict[str, Any]:
    return {
        "countries": set(),
        "status": Counter(),
        "executions": _count(),
        "death_sentences": _count(),
        "evidence_items": 0,
        "evidence_by_kind": Counter(),
        "practices": Counter(),
        "goods": Counter(),
    }


def _count() -> dict[str, Any]:
    return {"minimum": 0, "lower_bound": False, "countries_reporting": 0, "countries_unknown": 0}


def _add_fact(stats: dict[str, Any], fact: Fact) -> None:
    stats["countries"].add(fact.country)
    if fact.indicator == "status" and fact.text:
        stats["status"][fact.text] += 1
    elif fact.indicator in ("executions", "death_sentences"):
        count = stats[fact.indicator]
        if fact.unknown:
            count["countries_unknown"] += 1
            count["lower_bound"] = True
        elif fact.value is not None:
            count["minimum"] += int(fact.value)
            count["countries_reporting"] += int(fact.value > 0)
            count["lower_bound"] = count["lower_bound"] or fact.lower_bound


def _add_item(stats: dict[str, Any], item: EvidenceItem) -> None:
    stats["evidence_items"] += 1
    stats["evidence_by_kind"][item.kind.value] += 1
    stats["practices"].update(p.value for p in item.practices)
    stats["goods"].update(g.casefold() for g in item.goods)


def _finish(stats: dict[str, Any]) -> dict[str, Any]:
    return {
        **stats,
        "countries": len(stats["countries"]),
        "status": dict(sorted(stats["status"].items())),
        "evidence_by_kind": dict(stats["evidence_by_kind"].most_common()),
        "practices": dict(stats["practices"].most_common()),
        "goods": dict(stats["goods"].most_common()),
    }


def _sources(
    context: RiskContext, year: int, has_facts: bool, has_items: bool
) -> list[dict[str, Any]]:
    sources: list[dict[str, Any]] = []
    prov = context.facts.provenance.get(DEATH_PENALTY)
    if has_facts and prov is not None:
        sources.append(
            {
                "figure": "status, executions, death_sentences",
                "dataset": DEATH_PENALTY,
                "year": year,
                "citation": prov.spec.citation(year=year),
                "origin": prov.origin,
                "sha256": prov.sha256,
            }
        )
    if has_items:
        sources.append({"figure": "evidence", "dataset": "evidence register", "year": year})
    sources.append({"figure": "region", "dataset": "UN M49 via OCHA HDX taxonomy (data/countries)"})
    return sources
