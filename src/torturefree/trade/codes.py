"""Codes to goods: which list entries a traded HS/CN code may hold, per instrument and year.

Nearly every code of the lists is an 'ex' code: the heading also holds goods that are not
listed (a chair code holds every chair). Trade in such a heading is an upper bound of the
listed goods, never their measure, and every figure built on this map says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

from torturefree.lists import Catalogue
from torturefree.trade.schema import Measure
from torturefree.vocabulary import Category

# Annex II goods (no practical use but torture or capital punishment): trade is prohibited.
PROHIBITED = (Category.TORTURE_ONLY.value, Category.DEATH_PENALTY_ONLY.value)
DEATH_PENALTY_CAPABLE = (Category.DEATH_PENALTY_CAPABLE.value,)


@dataclass(frozen=True)
class GoodsCode:
    year: int
    instrument: str
    entry_id: str
    category: str
    title: str
    citation: str
    entry_code: str
    ex: bool

    @property
    def code6(self) -> str:
        return self.entry_code[:6]

    def covers(self, code: str) -> bool:
        """A traded code falls under the entry's code: one is a prefix of the other."""
        return code.startswith(self.entry_code) or self.entry_code.startswith(code)

    def measure(self, code: str) -> Measure:
        """Exact only for a non-ex code traded at its own level or finer."""
        exact = not self.ex and code.startswith(self.entry_code)
        return Measure.EXACT if exact else Measure.UPPER_BOUND


@dataclass(frozen=True)
class GoodsMap:
    codes: tuple[GoodsCode, ...]
    instruments: tuple[str, ...]
    release: str

    def code6_of(self, categories: Iterable[str]) -> list[str]:
        wanted = set(categories)
        return sorted({c.code6 for c in self.codes if c.category in wanted})

    def entries_for(
        self, code: str, year: int, categories: Iterable[str] | None = None
    ) -> list[GoodsCode]:
        wanted = None if categories is None else set(categories)
        return [
            c
            for c in self.codes
            if c.year == year and c.covers(code) and (wanted is None or c.category in wanted)
        ]

    def measure(self, code: str, year: int, categories: Iterable[str] | None = None) -> Measure:
        found = self.entries_for(code, year, categories)
        if not found:
            return Measure.HEADING
        exact = all(c.measure(code) is Measure.EXACT for c in found)
        return Measure.EXACT if exact else Measure.UPPER_BOUND

    def table(self) -> pa.Table:
        """The map as a small table the engines join (year, code6, entry, category, ex)."""
        return pa.table(
            {
                "year": pa.array([c.year for c in self.codes], pa.int32()),
                "code6": pa.array([c.code6 for c in self.codes], pa.string()),
                "entry_code": pa.array([c.entry_code for c in self.codes], pa.string()),
                "entry_id": pa.array([c.entry_id for c in self.codes], pa.string()),
                "category": pa.array([c.category for c in self.codes], pa.string()),
                "ex": pa.array([c.ex for c in self.codes], pa.bool_()),
            }
        )


def goods_map(catalogue: Catalogue, instruments: Iterable[str], years: Iterable[int]) -> GoodsMap:
    """Entries in force on 1 January or 31 December of each year (an entry added mid-year is in)."""
    chosen = tuple(sorted(set(instruments)))
    found: dict[tuple[int, str, str], GoodsCode] = {}
    earliest = catalogue.earliest(chosen)
    for year in sorted(set(years)):
        for day in (dt.date(year, 1, 1), dt.date(year, 12, 31)):
            if day < earliest:
                continue
            for entry in catalogue.snapshot(day, chosen).entries(chosen):
                v = entry.version
                for cn in v.cn_codes:
                    key = (year, entry.id, cn.digits)
                    found.setdefault(
                        key,
                        GoodsCode(
                            year,
                            entry.instrument,
                            entry.id,
                            v.category.value,
                            v.title,
                            v.citation.title,
                            cn.digits,
                            cn.ex,
                        ),
                    )
    return GoodsMap(tuple(found.values()), chosen, catalogue.release)
