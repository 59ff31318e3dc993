"""Amnesty's figures carry qualifiers ("26+", "+", "1,000s", "TBC"): read them honestly."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_PLUS = re.compile(r"^(\d[\d,]*)\+$")
_THOUSANDS = re.compile(r"^(\d[\d,]*)s$")
# Amnesty's note: "+" means it is confident there was more than one, but could not establish a
# figure; its own global totals count such a "+" as 2.
_PLUS_ONLY_MINIMUM = 2
_UNKNOWN = frozenset({"TBC", "?", "-", "N/A", "NA"})


@dataclass(frozen=True)
class Count:
    """A figure as published: a minimum, whether it is only a lower bound, and the raw text."""

    minimum: int | None
    lower_bound: bool
    unknown: bool
    raw: str

    def display(self) -> str:
        if self.unknown:
            return "unknown"
        if self.minimum is None:
            return "not reported"
        return f"{self.minimum}+" if self.lower_bound else str(self.minimum)


def parse_count(value: object) -> Count | None:
    """A Count, or None when the source gives no figure at all (an empty cell)."""
    raw = "" if value is None else str(value)
    text = raw.strip()
    if not text:
        return None
    if text.isdigit():
        return Count(int(text), False, False, raw)
    if text == "+":
        return Count(_PLUS_ONLY_MINIMUM, True, False, raw)
    for pattern in (_NUMBER_PLUS, _THOUSANDS):
        match = pattern.match(text)
        if match:
            return Count(int(match.group(1).replace(",", "")), True, False, raw)
    if text.upper() in _UNKNOWN:
        return Count(None, False, True, raw)
    raise ValueError(f"'{raw}' is not a count (expected e.g. 12, 26+, +, 1,000s or TBC)")
