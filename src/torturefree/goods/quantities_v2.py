"""goods_v2's figure reader: goods_v1's, plus circumferences given as a pair or with min/max words.

Catalogues rarely write 'inside circumference at the last notch'; they write 'circumference
16.5-20.5 cm', 'Umfang min. 16,5 cm / max. 20,5 cm', 'wrist size 165 to 200 mm'. Of two sizes of
one cuff, the smaller is the ratchet at its last notch (closed as far as it goes) and the larger at
its first notch (Annex III 1.1 note 3 (ii) and (iii)); one size with a word for smallest or largest
goes to that notch. The words are data (data/goods/phrasing.yaml).
"""

from __future__ import annotations

import re

from torturefree.goods.quantities import Measurement, QuantityReader, _words_pattern
from torturefree.goods.resources import Phrasing, Quantities
from torturefree.goods.text import fold

_CLAUSE = re.compile(r";|\n|,(?!\d)|\.(?!\d)\s")
_NUMBER = r"(\d+(?:[.,]\d+)?)"


class QuantityReaderV2(QuantityReader):
    """Reads what goods_v1 reads, then sizes of a cuff that v1 leaves unassigned."""

    def __init__(self, data: Quantities, phrasing: Phrasing | None = None) -> None:
        self._phrasing = phrasing
        units = dict(data.units)
        if phrasing is not None:
            units.update(phrasing.units)
        super().__init__(data.model_copy(update={"units": units}))
        if phrasing is None:
            return
        self._sizes = _words_pattern(phrasing.circumference.cues)
        self._smallest = _words_pattern(phrasing.circumference.smallest)
        self._largest = _words_pattern(phrasing.circumference.largest)
        alternation = "|".join(
            re.escape(fold(u))
            for u, spec in sorted(units.items(), key=lambda kv: -len(kv[0]))
            if spec.dimension == "length"
        )
        # 'between 16.5 and 20.5 cm', '165-200 mm', '16,5 bis 20,5 cm': a pair sharing one unit.
        joiners = "|".join(re.escape(fold(j)) for j in phrasing.range_joiners)
        self._pair = re.compile(
            rf"{_NUMBER}\s*(?:{alternation})?\s*(?:-|–|{joiners})\s*{_NUMBER}\s*({alternation})"
            r"(?![^\W\d_])"
        )

    def read(self, text: str) -> list[Measurement]:
        found = super().read(text)
        if self._phrasing is None or not re.search(r"\d", text):
            return found
        spec = self._phrasing.circumference
        taken = {m.quantity for m in found}
        if spec.last in taken and spec.first in taken:
            return found
        folded = fold(text)
        if not self._sizes.search(folded):  # no word for a cuff's size: nothing to add
            return found
        sizes = [m for m in self._sizes_of(folded) if m.quantity not in taken]
        # A value read as a cuff's size is not also a length or a calibre.
        sources = {m.source for m in sizes}
        kept = [m for m in found if m.source not in sources]
        return kept + sizes

    def _sizes_of(self, folded: str) -> list[Measurement]:
        assert self._phrasing is not None
        spec = self._phrasing.circumference
        out: list[Measurement] = []
        for clause in _CLAUSE.split(folded):
            if not self._sizes.search(clause):
                continue
            pair = self._pair.search(clause)
            if pair:
                factor = self._units[pair.group(3)].factor
                low, high = sorted(float(pair.group(i).replace(",", ".")) for i in (1, 2))
                source = pair.group(0).strip()
                out += [
                    Measurement(spec.last, low * factor, source),
                    Measurement(spec.first, high * factor, source),
                ]
                continue
            out += self._one_by_one(clause)
        return out

    def _one_by_one(self, clause: str) -> list[Measurement]:
        """'min. 16,5 cm, max 20,5 cm' in one clause: each value goes by its nearest word."""
        assert self._phrasing is not None
        spec = self._phrasing.circumference
        values = [
            m for m in self._value.finditer(clause) if self._units[m.group(2)].dimension == "length"
        ]
        out = []
        words = [(m.start(), m.end(), spec.last) for m in self._smallest.finditer(clause)]
        words += [(m.start(), m.end(), spec.first) for m in self._largest.finditer(clause)]
        for match in values:
            # Each value goes by the nearest word for smallest or largest ('16,5 cm min / 20,5 max').
            near = [
                (max(start - match.end(), match.start() - end, 0), name)
                for start, end, name in words
                if abs(start - match.end()) <= 24 or abs(match.start() - end) <= 24
            ]
            if near:
                out.append(Measurement(min(near)[1], self._mm(match), match.group(0).strip()))
        if not out and len(values) == 2:
            low, high = sorted((self._mm(m), m.group(0).strip()) for m in values)
            out += [
                Measurement(spec.last, low[0], low[1]),
                Measurement(spec.first, high[0], high[1]),
            ]
        return out

    def _mm(self, match: re.Match[str]) -> float:
        return float(match.group(1).replace(",", ".")) * self._units[match.group(2)].factor
