"""CAS Registry Number index: entries and related substances by CAS number, checksum-validated."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from torturefree.errors import InputError
from torturefree.lists.model import CASNumber, EntryFile, EntryVersion, cas_checksum_ok

_CAS = re.compile(r"^(\d{2,7})-?(\d{2})-?(\d)$")


class HasFile(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def version(self) -> EntryVersion: ...

    @property
    def file(self) -> EntryFile: ...


@dataclass(frozen=True, slots=True)
class CASHit:
    """An entry that lists the CAS number, or names it as a related substance (salt, hydrate)."""

    entry_id: str
    number: str
    name: str
    related: bool


def normalise_cas(cas: str, *, field: str = "cas") -> str:
    """The canonical hyphenated form; a wrong check digit is bad input, not a miss."""
    match = _CAS.match(cas.strip())
    if not match:
        raise InputError(f"'{cas}' is not a CAS number (digits-digits-check digit)", field=field)
    number = "-".join(match.groups())
    if not cas_checksum_ok(number):
        raise InputError(f"'{cas}' fails the CAS check digit", field=field)
    return number


class CASIndex:
    """Exact lookup; Annex III note 2 makes a CAS number an aid, so text evidence still counts."""

    def __init__(self, entries: Iterable[HasFile]) -> None:
        self._by_number: dict[str, list[CASHit]] = {}
        for entry in entries:
            for cas in entry.version.cas:
                self._add(entry.id, cas, related=False)
            for cas in entry.file.related_substances:
                self._add(entry.id, cas, related=True)

    def _add(self, entry_id: str, cas: CASNumber, *, related: bool) -> None:
        hit = CASHit(entry_id, cas.number, cas.name, related)
        self._by_number.setdefault(cas.number, []).append(hit)

    def lookup(self, cas: str) -> tuple[CASHit, ...]:
        return tuple(self._by_number.get(normalise_cas(cas), ()))
