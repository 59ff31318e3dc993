"""An immutable view of the law as in force on one date: entries, destination sets, parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from torturefree.lists.model import (
    DestinationSetFile,
    EntryFile,
    EntryVersion,
    InstrumentFile,
    Member,
    ParameterVersion,
)
from torturefree.vocabulary import Category


@dataclass(frozen=True, slots=True)
class SnapshotEntry:
    """A list entry with the version in force on the snapshot's date."""

    id: str
    instrument: str
    instrument_short: str
    version: EntryVersion
    file: EntryFile

    @property
    def category(self) -> Category:
        return self.version.category

    @property
    def annex(self) -> str:
        return self.version.annex

    def reference(self) -> dict[str, Any]:
        """The entry as the contracts print it in answers."""
        return {
            "id": self.id,
            "instrument": self.instrument_short,
            "annex": self.version.annex,
            "item": self.version.item,
            "category": self.version.category.value,
            "title": self.version.title,
            "citation": self.version.citation.title,
        }


@dataclass(frozen=True, slots=True)
class DestinationSet:
    """A destination set's members in force on a date (e.g. Annex V on 2021-06-01)."""

    id: str
    title: str
    source: DestinationSetFile
    members: Mapping[str, Member]

    def contains(self, country: str) -> bool:
        return country in self.members

    def member(self, country: str) -> Member | None:
        return self.members.get(country)


@dataclass(frozen=True)
class ListSnapshot:
    """The law on `date`, tagged with the data release it was built from."""

    date: dt.date
    release: str
    instruments: Mapping[str, InstrumentFile]
    _entries: Mapping[str, SnapshotEntry]
    _destinations: Mapping[str, DestinationSetFile]
    _parameters: Mapping[str, ParameterVersion]
    _destination_cache: dict[str, DestinationSet] = field(default_factory=dict, repr=False)

    def entries(self, instruments: tuple[str, ...] | None = None) -> Iterator[SnapshotEntry]:
        for entry in self._entries.values():
            if instruments is None or entry.instrument in instruments:
                yield entry

    def entry(self, entry_id: str) -> SnapshotEntry | None:
        return self._entries.get(entry_id)

    def destinations(self, set_id: str) -> DestinationSet:
        cached = self._destination_cache.get(set_id)
        if cached is None:
            source = self._destinations.get(set_id)
            if source is None:
                raise KeyError(f"no destination set '{set_id}' in data/destinations")
            members = {m.country: m for m in source.members if _in_force(m, self.date)}
            cached = DestinationSet(set_id, source.title, source, members)
            self._destination_cache[set_id] = cached
        return cached

    def parameter(self, parameter_id: str) -> ParameterVersion:
        try:
            return self._parameters[parameter_id]
        except KeyError:
            raise KeyError(f"no parameter '{parameter_id}' in force on {self.date}") from None


def _in_force(member: Member, date: dt.date) -> bool:
    return member.valid_from <= date and (member.valid_until is None or date <= member.valid_until)


def in_force(valid_from: dt.date, valid_until: dt.date | None, date: dt.date) -> bool:
    return valid_from <= date and (valid_until is None or date <= valid_until)
