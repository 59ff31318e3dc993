"""Spacing-blind similarity of a query and its candidates: the tokens written together.

"ABDUL HAI" / "ABDULHAI" defeats the alignment of name parts but not a comparison of the joined
spellings (scoring._name_scores). Every list's candidates are compared in one rapidfuzz call:
a call's fixed price, not the number of strings, is most of what this step costs, and each
similarity is computed pair by pair, so joining the lists changes no value.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from torturefree.screening.bulk import _pick
from torturefree.screening.derived import joined_lengths
from torturefree.screening.table import AliasTable, FloatArray, IntArray

# (the query's joined tokens, the list, its candidate alias numbers)
Asked = tuple[str, AliasTable, IntArray]


def joined_similarities(asked: Sequence[Asked]) -> list[FloatArray]:
    """Per list: each candidate's similarity where it can reach 0.9 (else 0: unused).

    Normalised Levenshtein similarity is at most 1 - |length difference| / longer length, so an
    alias whose joined length differs by more than a tenth (plus a letter of margin) cannot
    reach the 0.9 that a merge needs; only the others are compared.
    """
    out = [np.zeros(len(numbers), dtype=np.float32) for _, _, numbers in asked]
    closes = []
    picked: list[str] = []
    for query, table, numbers in asked:
        lengths = joined_lengths(table)[numbers]
        size = len(query)
        close = np.abs(lengths - size) <= 0.1 * np.maximum(lengths, size) + 1
        closes.append(close)
        if close.any():
            picked += _pick(table.joined, numbers[close].tolist())
    if not picked:
        return out
    if len({query for query, _, _ in asked}) > 1:  # not one name: each list on its own
        return [joined_similarities([a])[0] for a in asked]
    values = cdist(
        [asked[0][0]], picked, scorer=Levenshtein.normalized_similarity, dtype=np.float32
    )[0]
    start = 0
    for close, joined in zip(closes, out, strict=True):
        count = int(np.count_nonzero(close))
        joined[close] = values[start : start + count]
        start += count
    return out
