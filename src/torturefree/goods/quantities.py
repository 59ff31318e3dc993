"""Technical figures read from text: '240 mm overall', '0,2 % OC', 'calibre 40 mm', '6 barrels'."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from torturefree.goods.resources import Quantities, QuantityCues
from torturefree.goods.text import fold

_DIGIT = re.compile(r"\d")
# A clause ends at ; or a new line, or at a comma that is not a decimal comma ("0,3 %").
_CLAUSE = re.compile(r";|\n|,(?!\d)")
# "40x46mm" names a cartridge by calibre x case length; only the calibre is a figure of the goods.
_CARTRIDGE = re.compile(r"(\d+(?:[.,]\d+)?)\s*[x×]\s*\d+(?:[.,]\d+)?\s*(?=mm\b)")


@dataclass(frozen=True, slots=True)
class Measurement:
    """A value of a named quantity, in the unit the list data uses, and the words it came from."""

    quantity: str
    value: float
    source: str


class QuantityReader:
    """Finds numbers with units and gives each to the quantity its nearest cue names."""

    def __init__(self, data: Quantities) -> None:
        self._data = data
        units = sorted((fold(u) for u in data.units), key=len, reverse=True)
        alternation = "|".join(re.escape(u) for u in units)
        self._value = re.compile(rf"(\d+(?:[.,]\d+)?)\s?-?\s?({alternation})(?![^\W\d_])")
        self._units = {fold(name): unit for name, unit in data.units.items()}
        self._cues = {name: _words_pattern(q.cues) for name, q in data.quantities.items()}
        self._context = {
            name: _words_pattern(q.context) for name, q in data.quantities.items() if q.context
        }

    def read(self, text: str) -> list[Measurement]:
        if not _DIGIT.search(text):
            return []
        folded = fold(text)
        if not self._value.search(folded):  # numbers without units ('qty 200') are no figures
            return []
        folded = _CARTRIDGE.sub(r"\1", folded)
        found: list[Measurement] = []
        for clause in _CLAUSE.split(folded):
            for match in self._value.finditer(clause):
                found.extend(self._assign(match, clause, folded))
        return found

    def _assign(self, match: re.Match[str], clause: str, text: str) -> list[Measurement]:
        unit = self._units[match.group(2)]
        value = float(match.group(1).replace(",", ".")) * unit.factor
        source = match.group(0).strip()
        if unit.quantity is not None:
            return [Measurement(unit.quantity, value, source)]
        names = self._candidates(unit.dimension, match, clause, text)
        return [Measurement(name, value, source) for name in names]

    def _candidates(
        self, dimension: str, match: re.Match[str], clause: str, text: str
    ) -> list[str]:
        same = [n for n, q in self._data.quantities.items() if q.dimension == dimension]
        if len(same) == 1:
            return same
        distances = {n: _distance(self._cues[n], clause, match) for n in same}
        nearest = min(distances.values(), default=None)
        if nearest is not None and nearest < len(clause):
            return [n for n, d in distances.items() if d == nearest]
        return [n for n in same if n in self._context and self._context[n].search(text)]


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alternation})(?![^\W\d_])")


def _distance(cue: re.Pattern[str], clause: str, value: re.Match[str]) -> int:
    """Characters between the value and the nearest cue in its clause (len(clause) when none)."""
    best = len(clause)
    for found in cue.finditer(clause):
        if found.end() <= value.start():
            best = min(best, value.start() - found.end())
        elif found.start() >= value.end():
            best = min(best, found.start() - value.end())
    return best


def by_quantity(measurements: list[Measurement]) -> dict[str, list[Measurement]]:
    grouped: dict[str, list[Measurement]] = {}
    for m in measurements:
        grouped.setdefault(m.quantity, []).append(m)
    return grouped


def given(fields: Mapping[str, float], cues: Mapping[str, QuantityCues]) -> list[Measurement]:
    """Figures given as fields (already in the data's units); unknown names are ignored upstream."""
    return [
        Measurement(name, float(v), f"{name}={v}") for name, v in fields.items() if name in cues
    ]
