"""Jurisdiction profiles and decision tables loaded from data/, checked, and indexed for lookup."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from torturefree.errors import InputError
from torturefree.lists import Catalogue, SnapshotEntry
from torturefree.lists.errors import DataError
from torturefree.lists.files import load_model
from torturefree.lists.snapshot import in_force
from torturefree.rules.model import (
    NationalMeasuresFile,
    ProfileFile,
    ReviewPeriod,
    RulesFile,
    Table,
)
from torturefree.rules.predicates import PREDICATES, SET_ARGUMENTS
from torturefree.vocabulary import Activity

M = TypeVar("M", bound=BaseModel)

MEMBER_STATES = "eu-member-states"
MEMBER_STATE_BASE = "EU"


@dataclass(frozen=True)
class Profile:
    """A jurisdiction as applied: its profile file plus any national options."""

    id: str
    source: ProfileFile
    options: dict[str, bool]
    national: NationalMeasuresFile | None = None

    @property
    def identify_with(self) -> list[str]:
        return self.source.identify_with or self.source.instruments

    @property
    def review(self) -> ReviewPeriod | None:
        """The time limit for a review of a refusal: national law's where recorded."""
        if self.national is not None and self.national.review is not None:
            return self.national.review
        return self.source.review


@dataclass
class RuleBook:
    """All profiles and tables of a release; tables indexed by (rules, activity, goods key)."""

    catalogue: Catalogue
    profiles: dict[str, ProfileFile]
    national: dict[str, NationalMeasuresFile]
    rules: dict[str, RulesFile]
    _index: dict[tuple[str, Activity, str], list[Table]] = field(default_factory=dict)
    _profiles: dict[tuple[str, int], Profile] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rules_id, rules in self.rules.items():
            for table in rules.tables:
                keys = [f"item:{i}" for i in table.match.item]
                keys += [f"annex:{a}" for a in table.match.annex]
                keys += [f"category:{c.value}" for c in table.match.category]
                for activity in table.match.activity:
                    for key in keys:
                        self._index.setdefault((rules_id, activity, key), []).append(table)

    def profile(self, jurisdiction: str, date: dt.date) -> Profile:
        """The profile for a jurisdiction code; an EU member state gets EU law plus its options."""
        key = (jurisdiction, self.catalogue.period(date))
        cached = self._profiles.get(key)
        if cached is None:
            cached = self._profiles[key] = self._resolve(jurisdiction, date)
        return cached

    def _resolve(self, jurisdiction: str, date: dt.date) -> Profile:
        if jurisdiction in self.profiles:
            source = self.profiles[jurisdiction]
            return Profile(jurisdiction, source, dict(source.options))
        if self.catalogue.law_on(date).destinations(MEMBER_STATES).contains(jurisdiction):
            base = self.profiles[MEMBER_STATE_BASE]
            national = self.national.get(jurisdiction)
            options = {**base.options, **(national.options if national else {})}
            return Profile(jurisdiction, base, options, national)
        known = ", ".join(sorted(self.profiles))
        raise InputError(
            f"unknown jurisdiction '{jurisdiction}' (one of {known}, or an EU member state on {date})",
            field="jurisdiction",
        )

    def table(
        self, profile: Profile, entry: SnapshotEntry, activity: Activity, date: dt.date
    ) -> Table | None:
        """The table deciding this activity for this entry: by item, then annex, then category."""
        keys = (
            f"item:{entry.version.item}",
            f"annex:{entry.annex}",
            f"category:{entry.category.value}",
        )
        for rules_id in profile.source.rules:
            if entry.instrument not in self.rules[rules_id].decides:
                continue
            for key in keys:
                for table in self._index.get((rules_id, activity, key), ()):
                    if in_force(table.valid_from, table.valid_until, date):
                        return table
        return None


def load_rulebook(catalogue: Catalogue) -> RuleBook:
    """Load data/profiles and data/rules from the catalogue's data tree and cross-check them."""
    root = catalogue.root
    book = RuleBook(
        catalogue=catalogue,
        profiles=_load(root / "profiles", ProfileFile),
        national=_load(root / "profiles" / "national", NationalMeasuresFile),
        rules=_load(root / "rules", RulesFile),
    )
    _check(book)
    return book


def _load(folder: Path, model: type[M]) -> dict[str, M]:
    return {p.stem: load_model(model, p) for p in sorted(folder.glob("*.yaml"))}


def _check(book: RuleBook) -> None:
    root = book.catalogue.root
    for profile_id, profile in book.profiles.items():
        where = root / "profiles" / f"{profile_id}.yaml"
        for instrument in profile.instruments + profile.identify_with:
            if instrument not in book.catalogue.instruments:
                raise DataError(where, f"unknown instrument '{instrument}'", field="instruments")
        for rules_id in profile.rules:
            if rules_id not in book.rules:
                raise DataError(where, f"no rules file '{rules_id}'", field="rules")
    for rules_id, rules in book.rules.items():
        _check_rules(rules, root / "rules" / f"{rules_id}.yaml", book)


def _check_rules(rules: RulesFile, where: Path, book: RuleBook) -> None:
    for instrument in [rules.instrument, *rules.lists]:
        if instrument not in book.catalogue.instruments:
            raise DataError(where, f"unknown instrument '{instrument}'", field="instrument")
    for table in rules.tables:
        for clause in table.clauses:
            for name, argument in clause.when.items():
                field_name = f"{table.id}.{clause.id}.when.{name}"
                if name not in PREDICATES:
                    raise DataError(where, f"unknown condition '{name}'", field=field_name)
                if name in SET_ARGUMENTS and argument not in book.catalogue.destinations:
                    raise DataError(
                        where, f"unknown destination set '{argument}'", field=field_name
                    )
