"""The whole data/ tree loaded and cross-checked: every dated version of every list, set and parameter."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from torturefree.errors import InputError
from torturefree.lists.derived import DerivedListFile, derive_entries, version_on
from torturefree.lists.errors import DataError
from torturefree.lists.files import load_model
from torturefree.lists.model import DestinationSetFile, EntryFile, InstrumentFile, ParameterFile
from torturefree.lists.release_content import release_id_of, tree_digest
from torturefree.lists.snapshot import ListSnapshot, SnapshotEntry, in_force
from torturefree.lists.validate import check_catalogue
from torturefree.paths import data_dir

M = TypeVar("M", InstrumentFile, DestinationSetFile, ParameterFile)


@dataclass
class Catalogue:
    """All law data of one release; `snapshot(date)` gives what is in force on a date."""

    root: Path
    release: str
    instruments: dict[str, InstrumentFile]
    entries: dict[str, EntryFile]
    destinations: dict[str, DestinationSetFile]
    parameters: dict[str, ParameterFile]
    _boundaries: list[dt.date] = field(default_factory=list, repr=False)
    _snapshots: dict[int, ListSnapshot] = field(default_factory=dict, repr=False)
    _earliest: dict[tuple[str, ...] | None, dt.date] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._boundaries = sorted(_boundaries(self))

    def earliest(self, instruments: Iterable[str] | None = None) -> dt.date:
        """The oldest date on which any list of these instruments is in force."""
        key = tuple(sorted(set(instruments))) if instruments is not None else None
        cached = self._earliest.get(key)
        if cached is None:
            dates = [
                v.valid_from
                for e in self.entries.values()
                if key is None or e.instrument in key
                for v in e.versions
            ]
            if not dates:
                raise DataError(self.root, f"no list entries for instruments {list(key or [])}")
            cached = self._earliest[key] = min(dates)
        return cached

    def period(self, date: dt.date) -> int:
        """Which stretch between version boundaries a date falls in: the law is the same within one."""
        return bisect.bisect_right(self._boundaries, date)

    def snapshot(self, date: dt.date, instruments: Iterable[str] | None = None) -> ListSnapshot:
        """The law in force on `date`; a date before the oldest list is bad input."""
        oldest = self.earliest(instruments)
        if date < oldest:
            raise InputError(
                f"{date} is before the oldest list in the data ({oldest})", field="date"
            )
        # Snapshots only change at version boundaries, so one per period serves every date in
        # it; each caller still gets its own date on a copy that shares the period's contents.
        snapshot = self.law_on(date)
        return snapshot if snapshot.date == date else dataclasses.replace(snapshot, date=date)

    def law_on(self, date: dt.date) -> ListSnapshot:
        """The shared snapshot of the period containing `date` (its `date` is the period's first
        requested day): for callers that carry the day themselves, such as the engine."""
        interval = self.period(date)
        snapshot = self._snapshots.get(interval)
        if snapshot is None:
            snapshot = self._snapshots[interval] = self._build(date)
        return snapshot

    def _build(self, date: dt.date) -> ListSnapshot:
        entries: dict[str, SnapshotEntry] = {}
        for entry_id, entry in self.entries.items():
            version = version_on(entry, date)
            if version is not None:
                short = self.instruments[entry.instrument].short
                entries[entry_id] = SnapshotEntry(entry_id, entry.instrument, short, version, entry)
        parameters = {
            pid: v
            for pid, p in self.parameters.items()
            for v in p.versions
            if in_force(v.valid_from, v.valid_until, date)
        }
        return ListSnapshot(
            date, self.release, self.instruments, entries, self.destinations, parameters
        )


def _boundaries(catalogue: Catalogue) -> set[dt.date]:
    dates: set[dt.date] = set()
    periods = [v for e in catalogue.entries.values() for v in e.versions]
    periods += [m for d in catalogue.destinations.values() for m in d.members]  # type: ignore[misc]
    periods += [v for p in catalogue.parameters.values() for v in p.versions]  # type: ignore[misc]
    for period in periods:
        dates.add(period.valid_from)
        if period.valid_until is not None:
            dates.add(period.valid_until + dt.timedelta(days=1))
    return dates


def load_catalogue(root: Path | None = None) -> Catalogue:
    """Load and cross-check the data/ tree (default: $TORTUREFREE_DATA or the repository's)."""
    root = root or data_dir()
    if not root.is_dir():
        raise DataError(root, "no data folder here")
    instruments = _load_dir(root / "instruments", InstrumentFile)
    entries = _load_entries(root / "lists")
    for spec_path in sorted((root / "derived").glob("*.yaml")):
        spec = load_model(DerivedListFile, spec_path)
        source = {i: e for i, e in entries.items() if e.instrument == spec.from_instrument}
        entries.update(derive_entries(spec, source))
    catalogue = Catalogue(
        root=root,
        release=release_id(root),
        instruments=instruments,
        entries=entries,
        destinations=_load_dir(root / "destinations", DestinationSetFile),
        parameters=_load_dir(root / "parameters", ParameterFile),
    )
    check_catalogue(catalogue)
    return catalogue


def _load_dir(folder: Path, model: type[M]) -> dict[str, M]:
    return {path.stem: load_model(model, path) for path in sorted(folder.glob("*.yaml"))}


def _load_entries(folder: Path) -> dict[str, EntryFile]:
    entries: dict[str, EntryFile] = {}
    for path in sorted(folder.glob("*/*.yaml")):
        entry = load_model(EntryFile, path)
        if entry.instrument != path.parent.name:
            raise DataError(
                path,
                f"lies in folder '{path.parent.name}' but says '{entry.instrument}'",
                field="instrument",
            )
        entries[f"{path.parent.name}/{path.stem}"] = entry
    return entries


def release_id(root: Path) -> str:
    """A content hash of every file a list release carries (release_content): the same data always
    gives the same release id, read from data/ or from a loaded release."""
    return release_id_of(tree_digest(root))
