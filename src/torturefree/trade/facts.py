"""Country facts the flags need: death-penalty status per year (torturefree.risk) and watch lists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from torturefree.risk.facts import FactBase
from torturefree.risk.model import DeathPenaltyStatus
from torturefree.risk.store import open_store

DATASET = "amnesty-death-penalty"
RETENTIONIST = DeathPenaltyStatus.RETENTIONIST.value


@dataclass(frozen=True)
class Status:
    country: str
    year: int
    status: str
    figure_year: int
    source: str


def death_penalty_statuses(years: Iterable[int], home: Path | None = None) -> list[Status]:
    """Each country's status as of each year: the latest figure for a year not after it
    (the same choice as torturefree.risk's country profiles)."""
    base = FactBase(open_store(home))
    facts = [f for f in base.facts() if f.dataset == DATASET and f.indicator == "status" and f.text]
    prov = base.provenance.get(DATASET)
    source = f"{DATASET} ({prov.origin}, {prov.version})" if prov else DATASET
    by_country: dict[str, list[tuple[int, str]]] = {}
    for fact in facts:
        by_country.setdefault(fact.country, []).append((fact.year, str(fact.text)))
    found = []
    for year in sorted(set(years)):
        for country, series in by_country.items():
            known = [item for item in series if item[0] <= year]
            if known:
                figure_year, status = max(known)
                found.append(Status(country, year, status, figure_year, source))
    return found


def status_table(statuses: list[Status]) -> pa.Table:
    return pa.table(
        {
            "country": pa.array([s.country for s in statuses], pa.string()),
            "year": pa.array([s.year for s in statuses], pa.int32()),
            "status": pa.array([s.status for s in statuses], pa.string()),
        }
    )


def watch_table(statuses: list[Status], extra: Iterable[str], years: Iterable[int]) -> pa.Table:
    """Watched destinations per year: retentionist states plus those an analyst names."""
    pairs = {(s.country, s.year) for s in statuses if s.status == RETENTIONIST}
    pairs |= {(c, y) for c in extra for y in years}
    ordered = sorted(pairs)
    return pa.table(
        {
            "country": pa.array([c for c, _ in ordered], pa.string()),
            "year": pa.array([y for _, y in ordered], pa.int32()),
        }
    )
