"""Cross-file checks of the data/ tree: references resolve and dated periods never overlap."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from torturefree.lists.errors import DataError
from torturefree.lists.model import DestinationSetFile, EntryFile, InstrumentFile, ParameterFile


class Catalogue(Protocol):
    """What the checks read of a catalogue (lists/catalogue.py's Catalogue): a protocol, so
    this module does not import the one that imports it."""

    @property
    def root(self) -> Path: ...

    @property
    def instruments(self) -> Mapping[str, InstrumentFile]: ...

    @property
    def entries(self) -> Mapping[str, EntryFile]: ...

    @property
    def destinations(self) -> Mapping[str, DestinationSetFile]: ...

    @property
    def parameters(self) -> Mapping[str, ParameterFile]: ...


class Period(Protocol):
    @property
    def valid_from(self) -> dt.date: ...

    @property
    def valid_until(self) -> dt.date | None: ...


def check_catalogue(catalogue: Catalogue) -> None:
    """Refuse the release on the first dangling reference or overlapping period."""
    root = catalogue.root
    for entry_id, entry in catalogue.entries.items():
        where = root / "lists" / f"{entry_id}.yaml"
        if entry.instrument not in catalogue.instruments:
            raise DataError(where, f"unknown instrument '{entry.instrument}'", field="instrument")
        check_periods(entry.versions, where, "versions")
        for target in entry.corresponds_to:
            if target not in catalogue.entries:
                raise DataError(
                    where, f"refers to unknown entry '{target}'", field="corresponds_to"
                )
    for set_id, destinations in catalogue.destinations.items():
        where = root / "destinations" / f"{set_id}.yaml"
        if destinations.instrument not in catalogue.instruments:
            raise DataError(
                where, f"unknown instrument '{destinations.instrument}'", field="instrument"
            )
        by_country: dict[str, list[Period]] = {}
        for member in destinations.members:
            by_country.setdefault(f"{member.country}/{member.name}", []).append(member)
        for key, periods in by_country.items():
            check_periods(periods, where, f"members[{key}]")
    for parameter_id, parameter in catalogue.parameters.items():
        where = root / "parameters" / f"{parameter_id}.yaml"
        check_periods(parameter.versions, where, "versions")


def check_periods(periods: Sequence[Period], where: object, field: str) -> None:
    """Periods must be in order and must not overlap (style.md §2)."""
    ordered = sorted(periods, key=lambda p: p.valid_from)
    for index, (earlier, later) in enumerate(itertools.pairwise(ordered)):
        if earlier.valid_until is None or earlier.valid_until >= later.valid_from:
            raise DataError(
                str(where),
                f"period starting {later.valid_from} overlaps the one starting {earlier.valid_from}",
                field=f"{field}[{index + 1}]",
            )
