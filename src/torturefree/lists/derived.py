"""Lists defined by reference to another instrument's list as it stood on a date.

Great Britain kept Regulation (EU) 2019/125 as it stood at the end of the transition period
(assimilated law), so its annexes are the EU entries in force on 2020-12-31, not a copy to maintain.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from torturefree.lists.model import Citation, EntryFile, EntryVersion, Strict


class DerivedListFile(Strict):
    """data/derived/<instrument>.yaml: take `from_instrument`'s entries as in force on `as_of`."""

    instrument: str
    from_instrument: str
    as_of: dt.date
    valid_from: dt.date
    valid_until: dt.date | None = None
    citation_title: str = Field(min_length=3)
    href: str | None = None
    verified: bool = True
    note: str | None = None


def derive_entries(spec: DerivedListFile, source: dict[str, EntryFile]) -> dict[str, EntryFile]:
    """One entry per source entry in force on `as_of`, re-cited to the deriving instrument."""
    derived: dict[str, EntryFile] = {}
    for entry_id, entry in source.items():
        version = version_on(entry, spec.as_of)
        if version is None:
            continue
        slug = entry_id.split("/", 1)[1]
        derived[f"{spec.instrument}/{slug}"] = EntryFile(
            instrument=spec.instrument,
            versions=[_recite(version, spec)],
            terms=entry.terms,
            related_substances=entry.related_substances,
            corresponds_to=[entry_id],
            verified=entry.verified and spec.verified,
        )
    return derived


def _recite(version: EntryVersion, spec: DerivedListFile) -> EntryVersion:
    citation = Citation(
        title=f"{spec.citation_title}, Annex {version.annex}, item {version.item}",
        href=spec.href,
        verified=spec.verified and version.citation.verified,
        note=spec.note,
    )
    return version.model_copy(
        update={
            "valid_from": spec.valid_from,
            "valid_until": spec.valid_until,
            "citation": citation,
        }
    )


def version_on(entry: EntryFile, date: dt.date) -> EntryVersion | None:
    """The version of an entry in force on a date, if any."""
    for version in entry.versions:
        if version.valid_from <= date and (
            version.valid_until is None or date <= version.valid_until
        ):
            return version
    return None
