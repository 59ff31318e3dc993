"""Three-valued labelled goods sets: the law says true, false, or 'a fact is missing' (null).

The format is a YAML list of cases, each `{id, lang, style, date, description, hs_code?, cas?,
expected: {controlled: true|false|null, entries: [...], category, missing: [...]}}`. A case labelled
null names the candidate entry; the right answer is null with that entry listed (the engine asks).
Which cases a caller evaluates (a development part, say) is the caller's choice: this module reads
the file it is given and the ids it is told to keep, nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from torturefree.goods.query import Classification, GoodsQuery, parse_query


@dataclass(frozen=True)
class Labelled:
    id: str
    query: GoodsQuery
    controlled: bool | None
    entries: frozenset[str]
    date: dt.date
    lang: str
    style: str


@dataclass
class Score:
    """Counts per slice; recall counts true or null listing an expected entry (as goods_v1's)."""

    positives: int = 0
    found: int = 0
    decided: int = 0
    negatives: int = 0
    false_positives: int = 0
    referred: int = 0  # labelled true or false, answered null
    decidable: int = 0
    asks: int = 0  # labelled null
    asked: int = 0  # ... answered null with the candidate listed
    assumed: int = 0  # ... answered false (the missing fact assumed away)
    claimed: int = 0
    right_claims: int = 0

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
    def referral_rate(self) -> float:
        return self.referred / self.decidable if self.decidable else 0.0

    @property
    def precision(self) -> float:
        return self.right_claims / self.claimed if self.claimed else 1.0

    @property
    def ask_rate(self) -> float:
        return self.asked / self.asks if self.asks else 1.0


@dataclass
class Scores:
    slices: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> Score:
        return self.slices["all"]


def load_labelled(path: Path, keep: Collection[str] | None = None) -> list[Labelled]:
    """The cases of a file whose ids are in `keep` (all when None), in file order."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_case(item, i, str(path)) for i, item in enumerate(raw, 1) if _kept(item, keep)]


def _kept(item: dict[str, Any], keep: Collection[str] | None) -> bool:
    return keep is None or item.get("id") in keep


def _case(item: dict[str, Any], line: int, source: str) -> Labelled:
    expected = item["expected"]
    record = {k: item.get(k) for k in ("id", "description", "hs_code", "cas", "lang")}
    date = item["date"]
    return Labelled(
        id=str(item["id"]),
        query=parse_query(record, line=line, source=source),
        controlled=expected["controlled"],
        entries=frozenset(expected.get("entries") or ()),
        date=date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)),
        lang=str(item.get("lang", "?")),
        style=str(item.get("style", "?")),
    )


def score(
    cases: Iterable[Labelled],
    classify: Callable[[Labelled], Classification],
    annex_of: Callable[[str, dt.date], str],
) -> Scores:
    """Every case counted in 'all', its language, style and (by its label) annex."""
    scores = Scores()
    for case in cases:
        result = classify(case)
        annexes = {annex_of(e, case.date) for e in case.entries} or {"none"}
        names = ["all", f"lang {case.lang}", f"style {case.style}"]
        names += [f"annex {a}" for a in sorted(annexes)]
        for name in names:
            _count(scores.slices[name], case, result)
        if not _right(case, result):
            scores.misses.append(_miss(case, result))
    return scores


def _count(s: Score, case: Labelled, result: Classification) -> None:
    listed = bool(case.entries & {e.id for e in result.entries})
    s.claimed += result.controlled is True
    s.right_claims += result.controlled is True and case.controlled is True and listed
    if case.controlled is None:
        s.asks += 1
        s.asked += result.controlled is None and listed
        s.assumed += result.controlled is False
        return
    s.decidable += 1
    s.referred += result.controlled is None
    if case.controlled:
        s.positives += 1
        s.found += listed and result.controlled is not False
        s.decided += listed and result.controlled is True
    else:
        s.negatives += 1
        s.false_positives += result.controlled is True


def _right(case: Labelled, result: Classification) -> bool:
    listed = bool(case.entries & {e.id for e in result.entries})
    if case.controlled is False:
        return result.controlled is False
    wanted = case.controlled if case.controlled is None else True
    return listed and result.controlled is wanted


def _miss(case: Labelled, result: Classification) -> str:
    got = ", ".join(e.id.rsplit("/", 1)[-1] for e in result.entries) or "-"
    expected = ", ".join(sorted(e.rsplit("/", 1)[-1] for e in case.entries)) or "not controlled"
    return (
        f"{case.id} [{case.lang} {case.date}] {case.query.description!r}: expected"
        f" {case.controlled} ({expected}), got {result.controlled} ({got})"
    )


HEADER = (
    f"{'slice':18} {'pos':>4} {'recall':>6} {'strict':>6} {'prec':>5} {'neg':>4} {'FPR':>6}"
    f" {'refer':>6} {'null':>4} {'asked':>5}"
)


def format_row(name: str, s: Score) -> str:
    return (
        f"{name:18} {s.positives:4d} {s.recall:6.3f} {s.strict_recall:6.3f} {s.precision:5.3f}"
        f" {s.negatives:4d} {s.false_positive_rate:6.3f} {s.referral_rate:6.3f} {s.asks:4d}"
        f" {s.ask_rate:5.2f}"
    )
