"""What differs between two releases (or two days of one release), entry by entry and by date.

Between releases A and B, the entries' timelines are compared at every date where either
release's law can change; a difference is reported once, on the first day it holds (a new entry
valid from 2027-03-01 is "added on 2027-03-01"), using the wording of `lists diff`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.lists.catalogue import Catalogue
from torturefree.lists.derived import version_on
from torturefree.lists.diff import Change, describe, diff_lists
from torturefree.lists.model import EntryVersion
from torturefree.lists.snapshot import SnapshotEntry, in_force

State = tuple[EntryVersion | None, EntryVersion | None]


def entry_dates(catalogue: Catalogue) -> set[dt.date]:
    """Every day on which some entry version begins or stops applying."""
    dates: set[dt.date] = set()
    for entry in catalogue.entries.values():
        for version in entry.versions:
            dates.add(version.valid_from)
            if version.valid_until is not None:
                dates.add(version.valid_until + dt.timedelta(days=1))
    return dates


def diff_releases(old: Catalogue, new: Catalogue) -> list[dict[str, Any]]:
    """Entries whose law differs between two releases, each on the first date it differs."""
    changes: list[dict[str, Any]] = []
    last: dict[str, State] = {}
    for day in sorted(entry_dates(old) | entry_dates(new)):
        for entry_id in sorted(old.entries.keys() | new.entries.keys()):
            state = (_version(old, entry_id, day), _version(new, entry_id, day))
            if state == last.get(entry_id, (None, None)):
                continue
            last[entry_id] = state
            change = _compare(old, new, entry_id, state)
            if change is not None:
                changes.append({"date": day.isoformat(), **change.to_dict()})
    return changes


def _version(catalogue: Catalogue, entry_id: str, day: dt.date) -> EntryVersion | None:
    entry = catalogue.entries.get(entry_id)
    return version_on(entry, day) if entry is not None else None


def _compare(old: Catalogue, new: Catalogue, entry_id: str, state: State) -> Change | None:
    was, now = state
    if was == now:
        # Back to agreeing (e.g. a later period both releases share): nothing new to say.
        return None
    before = _brief(old, entry_id, was)
    after = _brief(new, entry_id, now)
    if was is None and now is not None:
        return Change(entry_id, "added", ["added"], None, after, now.citation.title)
    if now is None and was is not None:
        return Change(entry_id, "removed", ["removed"], before, None, None)
    assert was is not None and now is not None
    notes = describe(was, now) or ["citation or wording changed"]
    return Change(entry_id, "changed", notes, before, after, now.citation.title)


def _brief(
    catalogue: Catalogue, entry_id: str, version: EntryVersion | None
) -> dict[str, Any] | None:
    if version is None:
        return None
    entry = catalogue.entries[entry_id]
    short = catalogue.instruments[entry.instrument].short
    return SnapshotEntry(entry_id, entry.instrument, short, version, entry).reference()


def diff_files(old: dict[str, str], new: dict[str, str]) -> list[dict[str, str]]:
    """Files added, changed or removed between two manifests (path -> sha256)."""
    rows = []
    for path in sorted(old.keys() | new.keys()):
        if path not in old:
            rows.append({"path": path, "kind": "added"})
        elif path not in new:
            rows.append({"path": path, "kind": "removed"})
        elif old[path] != new[path]:
            rows.append({"path": path, "kind": "changed"})
    return rows


def release_changes_on(release: Catalogue, day: dt.date) -> dict[str, Any]:
    """What changes in one release's law on `day` (against the day before): for a "what changes
    on <date>" page and feed. Parameters whose value changes are listed too."""
    before = day - dt.timedelta(days=1)
    entries: list[Change] = []
    if before >= release.earliest():
        entries = diff_lists(release, before, day)
    return {
        "date": day.isoformat(),
        "data_release": release.release,
        "entries": [c.to_dict() for c in entries],
        "parameters": _parameter_changes(release, before, day),
    }


def _parameter_changes(release: Catalogue, before: dt.date, day: dt.date) -> list[dict[str, Any]]:
    rows = []
    for pid, parameter in sorted(release.parameters.items()):
        was = next(
            (v for v in parameter.versions if in_force(v.valid_from, v.valid_until, before)), None
        )
        now = next(
            (v for v in parameter.versions if in_force(v.valid_from, v.valid_until, day)), None
        )
        if was != now:
            rows.append(
                {
                    "parameter": pid,
                    "before": None if was is None else was.value,
                    "after": None if now is None else now.value,
                    "citation": None if now is None else now.citation.title,
                }
            )
    return rows
