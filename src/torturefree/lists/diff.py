"""What changed in the lists between two dates: entries added, removed, moved, renumbered, recoded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from torturefree.lists.catalogue import Catalogue
from torturefree.lists.model import EntryVersion
from torturefree.lists.snapshot import SnapshotEntry


@dataclass(frozen=True)
class Change:
    """One entry's change between the two dates, with what differs and the act that made it."""

    entry: str
    kind: str  # added | removed | changed
    changes: list[str] = field(default_factory=list)
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    citation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "kind": self.kind,
            "changes": self.changes,
            "before": self.before,
            "after": self.after,
            "citation": self.citation,
        }


def diff_lists(
    catalogue: Catalogue,
    before: dt.date,
    after: dt.date,
    instruments: tuple[str, ...] | None = None,
) -> list[Change]:
    """Compare the entries in force on two dates, entry by entry (identity is the id, not the item)."""
    old = {e.id: e for e in catalogue.snapshot(before, instruments).entries(instruments)}
    new = {e.id: e for e in catalogue.snapshot(after, instruments).entries(instruments)}
    changes: list[Change] = []
    for entry_id in sorted(old.keys() | new.keys()):
        was, now = old.get(entry_id), new.get(entry_id)
        if was is None and now is not None:
            changes.append(
                Change(entry_id, "added", ["added"], None, _brief(now), now.version.citation.title)
            )
        elif now is None and was is not None:
            changes.append(Change(entry_id, "removed", ["removed"], _brief(was), None, None))
        elif was is not None and now is not None and was.version != now.version:
            differences = describe(was.version, now.version)
            if differences:
                changes.append(
                    Change(
                        entry_id,
                        "changed",
                        differences,
                        _brief(was),
                        _brief(now),
                        now.version.citation.title,
                    )
                )
    return changes


def describe(was: EntryVersion, now: EntryVersion) -> list[str]:
    """Readable differences between two versions of one entry."""
    notes: list[str] = []
    if was.category != now.category or was.annex != now.annex:
        notes.append(
            f"moved from Annex {was.annex} ({was.category.value}) to Annex {now.annex} ({now.category.value})"
        )
    if was.item != now.item:
        notes.append(f"renumbered {was.item} -> {now.item}")
    if was.title != now.title:
        notes.append(f"title: '{was.title}' -> '{now.title}'")
    _set_change(notes, "CN codes", {c.code for c in was.cn_codes}, {c.code for c in now.cn_codes})
    _set_change(notes, "CAS numbers", {c.number for c in was.cas}, {c.number for c in now.cas})
    _set_change(notes, "parameters", {p.id for p in was.parameters}, {p.id for p in now.parameters})
    _set_change(notes, "exclusions", {x.id for x in was.exclusions}, {x.id for x in now.exclusions})
    return notes


def _set_change(notes: list[str], label: str, old: set[str], new: set[str]) -> None:
    if new - old:
        notes.append(f"{label} added: {', '.join(sorted(new - old))}")
    if old - new:
        notes.append(f"{label} removed: {', '.join(sorted(old - new))}")


def _brief(entry: SnapshotEntry) -> dict[str, Any]:
    return entry.reference()
