"""What a jurisdiction's law controls, read from its profile and decision tables (data/).

The hub's country rules pages (issue 14) print this: per category of goods, per activity, the
outcomes the tables can reach and the clauses that need an authorisation, each with the
citation the data gives. Nothing here is typed by hand: every line comes from a profile, a
national measures file, a table or a list entry of the release in force on the date asked.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field
from typing import Any

from torturefree.lists import SnapshotEntry
from torturefree.rules.model import Clause, Table
from torturefree.rules.rulebook import Profile, RuleBook
from torturefree.vocabulary import Activity, Category, Outcome

APPLY = (Outcome.LICENCE_REQUIRED, Outcome.GENERAL_AUTHORISATION)


@dataclass(frozen=True)
class Rule:
    """One clause of a table as a reader sees it: for which goods and activities, when, what."""

    table: str
    clause: str
    activities: tuple[str, ...]
    goods: str
    when: dict[str, Any]
    outcome: str
    detail: str
    citation: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "clause": self.clause,
            "activities": list(self.activities),
            "goods": self.goods,
            "when": self.when,
            "outcome": self.outcome,
            "detail": self.detail,
            "citation": self.citation,
        }


@dataclass
class CategoryRules:
    """One of the four categories: how many entries, and per activity the reachable outcomes."""

    category: str
    entries: int = 0
    activities: dict[str, list[str]] = field(default_factory=dict)

    @property
    def controlled(self) -> bool:
        return any(o != Outcome.NOT_CONTROLLED.value for v in self.activities.values() for o in v)

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "entries": self.entries,
            "controlled": self.controlled,
            "activities": self.activities,
        }


@dataclass(frozen=True)
class Summary:
    jurisdiction: str
    date: dt.date
    release: str
    profile: dict[str, Any]
    national: dict[str, Any] | None
    categories: list[CategoryRules]
    applications: list[Rule]
    prohibitions: list[Rule]

    @property
    def death_penalty_covered(self) -> bool:
        return any(
            c.controlled and Category(c.category).concerns_death_penalty for c in self.categories
        )

    def category(self, name: str) -> CategoryRules:
        return next(c for c in self.categories if c.category == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "date": self.date.isoformat(),
            "release": self.release,
            "profile": self.profile,
            "national_measures": self.national,
            "death_penalty_covered": self.death_penalty_covered,
            "categories": [c.to_json() for c in self.categories],
            "applications": [r.to_json() for r in self.applications],
            "prohibitions": [r.to_json() for r in self.prohibitions],
        }


def summarise(book: RuleBook, jurisdiction: str, date: dt.date) -> Summary:
    """The summary of `jurisdiction` (a profile id or an EU member state) on `date`."""
    profile = book.profile(jurisdiction, date)
    snapshot = book.catalogue.law_on(date)
    entries = list(snapshot.entries(tuple(profile.source.instruments)))
    categories = {c.value: CategoryRules(c.value) for c in Category}
    seen: dict[str, tuple[Table, set[str]]] = {}
    for entry in entries:
        rules = categories[entry.category.value]
        rules.entries += 1
        for activity in Activity:
            table = book.table(profile, entry, activity, date)
            outcomes = [c.outcome.value for c in table.clauses] if table else []
            _merge(rules.activities.setdefault(activity.value, []), outcomes)
            if table is not None:
                seen.setdefault(table.id, (table, set()))[1].add(activity.value)
    for rules in categories.values():
        rules.activities = {a: o for a, o in rules.activities.items() if o}
    applying, prohibiting = _rules(seen, entries)
    return Summary(
        jurisdiction=jurisdiction,
        date=date,
        release=snapshot.release,
        profile=_profile(profile),
        national=_national(profile),
        categories=list(categories.values()),
        applications=applying,
        prohibitions=prohibiting,
    )


def _merge(into: list[str], outcomes: list[str]) -> None:
    for outcome in outcomes:
        if outcome not in into:
            into.append(outcome)
    into.sort(key=lambda o: -Outcome(o).severity)


def _rules(
    seen: dict[str, tuple[Table, set[str]]], entries: list[SnapshotEntry]
) -> tuple[list[Rule], list[Rule]]:
    applying: list[Rule] = []
    prohibiting: list[Rule] = []
    for table, activities in seen.values():
        ordered = tuple(a.value for a in Activity if a.value in activities)
        goods = _goods(table, entries)
        for clause in table.clauses:
            rule = _rule(table, clause, ordered, goods)
            if clause.outcome in APPLY:
                applying.append(rule)
            elif clause.outcome == Outcome.PROHIBITED:
                prohibiting.append(rule)
    return applying, prohibiting


def _rule(table: Table, clause: Clause, activities: tuple[str, ...], goods: str) -> Rule:
    return Rule(
        table=table.id,
        clause=clause.id,
        activities=activities,
        goods=goods,
        when=dict(clause.when),
        outcome=clause.outcome.value,
        detail=_fill(clause.detail, table, goods, activities),
        citation=clause.citation.model_dump(exclude_none=True),
    )


def _goods(table: Table, entries: list[SnapshotEntry]) -> str:
    """The goods a table decides, in the words of its match."""
    parts = [f"Annex {a}" for a in table.match.annex]
    parts += [c.value.replace("_", "-") + " goods" for c in table.match.category]
    titles = {e.version.item: e.version.title for e in entries}
    parts += [f"item {i} ({titles[i]})" if i in titles else f"item {i}" for i in table.match.item]
    return ", ".join(parts)


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def _fill(detail: str, table: Table, goods: str, activities: tuple[str, ...]) -> str:
    """A clause's detail with its per-goods placeholders filled for a table as a whole."""
    words = {
        "title": f"goods of {goods}",
        "annex": ", ".join(table.match.annex) or "…",
        "item": "…",
    }
    words["activity"] = ", ".join(a.replace("_", " ") for a in activities)
    names = {name for _, name, _, _ in string.Formatter().parse(detail) if name}
    return detail.format_map(_Blank({k: v for k, v in words.items() if k in names}))


def _profile(profile: Profile) -> dict[str, Any]:
    source = profile.source
    return {
        "id": profile.id,
        "title": source.title,
        "instruments": list(source.instruments),
        "rules": list(source.rules),
        "territory": source.territory,
        "binding": source.binding,
        "options": dict(profile.options),
        "citation": source.citation.model_dump(exclude_none=True),
        "note": source.note,
    }


def _national(profile: Profile) -> dict[str, Any] | None:
    national = profile.national
    if national is None:
        return None
    return {
        "title": national.title,
        "options": dict(national.options),
        "citation": national.citation.model_dump(exclude_none=True),
    }
