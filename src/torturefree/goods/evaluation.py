"""Measure a classifier on labelled goods: recall, precision, false positives per slice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from torturefree.errors import InputError
from torturefree.goods.query import Classification, GoodsQuery, parse_query

NONE = "(not listed)"


@dataclass(frozen=True)
class Case:
    """One labelled goods item: the law's answer, written by a person, not by the matcher."""

    query: GoodsQuery
    controlled: bool
    entry: str | None
    date: dt.date
    jurisdiction: str
    lang: str


@dataclass
class Tally:
    positives: int = 0
    found: int = 0  # controlled true or null, with the expected entry among the entries
    decided: int = 0  # controlled true with the expected entry
    negatives: int = 0
    false_positives: int = 0  # a negative answered controlled: true
    reviews: int = 0  # a negative answered null (a person must look)
    claimed: int = 0  # answers controlled: true, right or wrong

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def strict_recall(self) -> float:
        return self.decided / self.positives if self.positives else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.false_positives / self.negatives if self.negatives else 0.0

    @property
    def review_rate(self) -> float:
        return self.reviews / self.negatives if self.negatives else 0.0

    @property
    def precision(self) -> float:
        return self.decided / self.claimed if self.claimed else 1.0


@dataclass
class Report:
    total: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, Tally]]:
        return (
            [("all", self.total)]
            + [(f"category {k}", v) for k, v in sorted(self.by_category.items())]
            + [(f"language {k}", v) for k, v in sorted(self.by_language.items())]
        )


def load_cases(path: Path) -> list[Case]:
    """Read a cases file (tests/goods/cases.yaml format); a bad case names its position."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    defaults = document.get("defaults", {})
    return [_case(raw, defaults, i, str(path)) for i, raw in enumerate(document["cases"], 1)]


def _case(raw: dict[str, Any], defaults: dict[str, Any], index: int, source: str) -> Case:
    merged = {**defaults, **raw}
    if not isinstance(merged.get("controlled"), bool):
        raise InputError("every case needs controlled: true or false", line=index, source=source)
    entry = merged.get("entry")
    if entry and "/" not in entry:
        entry = f"eu-2019-125/{entry}"
    date = merged["date"]
    return Case(
        query=parse_query(merged, line=index, source=source),
        controlled=merged["controlled"],
        entry=entry,
        date=date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)),
        jurisdiction=str(merged.get("jurisdiction", "EU")),
        lang=str(merged.get("lang", "?")),
    )


def evaluate(cases: Iterable[Case], classify: Callable[[Case], Classification]) -> Report:
    report = Report()
    for case in cases:
        result = classify(case)
        category = _category(case, result)
        for tally in (report.total, report.by_category[category], report.by_language[case.lang]):
            _count(tally, case, result)
        if not _right(case, result):
            report.misses.append(_miss(case, result))
    return report


def _category(case: Case, result: Classification) -> str:
    if case.controlled:
        match = [e for e in result.entries if e.id == case.entry]
        if match:
            return match[0].category.value
    return result.category.value if result.category and not case.controlled else NONE


def _count(tally: Tally, case: Case, result: Classification) -> None:
    ids = {e.id for e in result.entries}
    tally.claimed += result.controlled is True
    if case.controlled:
        tally.positives += 1
        hit = case.entry in ids
        tally.found += hit and result.controlled is not False
        tally.decided += hit and result.controlled is True
    else:
        tally.negatives += 1
        tally.false_positives += result.controlled is True
        tally.reviews += result.controlled is None


def _right(case: Case, result: Classification) -> bool:
    if case.controlled:
        return result.controlled is not False and case.entry in {e.id for e in result.entries}
    return result.controlled is False


def _miss(case: Case, result: Classification) -> str:
    got = ", ".join(e.id for e in result.entries) or "-"
    what = case.query.description or case.query.hs_code or case.query.cas
    expected = case.entry or "not controlled"
    return f"[{case.lang}] {what!r}: expected {expected}, got {result.controlled} ({got})"


def format_report(report: Report) -> str:
    lines = [
        f"{'slice':40} {'pos':>4} {'recall':>7} {'strict':>7} {'prec':>6} {'neg':>4}"
        f" {'FPR':>6} {'review':>7}"
    ]
    for name, t in report.rows():
        lines.append(
            f"{name:40} {t.positives:4d} {t.recall:7.3f} {t.strict_recall:7.3f} {t.precision:6.3f} "
            f"{t.negatives:4d} {t.false_positive_rate:6.3f} {t.review_rate:7.3f}"
        )
    return "\n".join(lines)
