"""CN/HS code index: which entries list a code that covers, or is covered by, a declared code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from torturefree.errors import InputError
from torturefree.lists.model import EntryVersion

_SEPARATORS = re.compile(r"[\s.\-]")


class Scope(str, Enum):
    """How a declared code relates to the code the entry lists."""

    WITHIN = "within"  # the declared code is the listed code or a subdivision of it
    BROADER = "broader"  # the declared code is a heading that contains the listed code


class HasVersion(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def version(self) -> EntryVersion: ...


@dataclass(frozen=True, slots=True)
class CodeHit:
    """One entry that lists a code related to the declared one."""

    entry_id: str
    listed_code: str
    ex: bool
    scope: Scope

    @property
    def conclusive(self) -> bool:
        """Only a full-scope code declared within it identifies goods; "ex" codes and headings never do."""
        return not self.ex and self.scope is Scope.WITHIN


def normalise_code(code: str, *, field: str = "hs_code") -> str:
    """Digits of a declared CN/HS/TARIC code; spaces and dots are presentation only."""
    digits = _SEPARATORS.sub("", code)
    if not digits.isdigit():
        raise InputError(f"'{code}' is not a CN/HS code: only digits, spaces and dots", field=field)
    if not 2 <= len(digits) <= 10:
        raise InputError(
            f"'{code}' has {len(digits)} digits; a CN/HS code has 2 to 10", field=field
        )
    return digits


class CodeIndex:
    """Every listed code keyed by itself and by its headings, so a lookup never scans the lists."""

    def __init__(self, entries: Iterable[HasVersion]) -> None:
        self._exact: dict[str, list[tuple[str, str, bool]]] = {}
        self._headings: dict[str, list[tuple[str, str, bool]]] = {}
        for entry in entries:
            for cn in entry.version.cn_codes:
                self._add(entry.id, cn.digits, cn.ex)
        self._cache: dict[str, tuple[CodeHit, ...]] = {}

    def _add(self, entry_id: str, digits: str, ex: bool) -> None:
        row = (entry_id, digits, ex)
        self._exact.setdefault(digits, []).append(row)
        for length in range(2, len(digits), 2):
            self._headings.setdefault(digits[:length], []).append(row)

    def lookup(self, code: str) -> tuple[CodeHit, ...]:
        """Entries whose listed codes cover the declared code or fall under it."""
        digits = normalise_code(code)
        cached = self._cache.get(digits)
        if cached is None:
            cached = self._cache[digits] = self._find(digits)
        return cached

    def _find(self, digits: str) -> tuple[CodeHit, ...]:
        hits: dict[tuple[str, str], CodeHit] = {}
        for length in range(2, len(digits) + 1):
            for entry_id, listed, ex in self._exact.get(digits[:length], ()):
                hits[(entry_id, listed)] = CodeHit(entry_id, listed, ex, Scope.WITHIN)
        for entry_id, listed, ex in self._headings.get(digits, ()):
            hits.setdefault((entry_id, listed), CodeHit(entry_id, listed, ex, Scope.BROADER))
        return tuple(sorted(hits.values(), key=lambda h: (h.entry_id, h.listed_code)))
