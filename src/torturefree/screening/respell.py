"""Apostrophes inside words (name_v3): 'JAMA'AT' is one word, not 'JAMA' and a legal form 'AT'.

name_v1 and name_v2 normalise a name as rigour does: a fragment after an apostrophe is a word of
its own, so 'JAMA'AT AL-DAWA' loses 'AT' to the legal forms (Austrian 'AG'-like abbreviations) and
becomes 'jamajsc al dawa'. Their indexes keep those tokens (their results are pinned). name_v3
reads the query without apostrophes and respells the few listed tokens this touched, so that
'JAMAAT AL DAWA' and 'JAMA'AT AL-DAWA' both meet 'jamaat'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from torturefree.screening.normalize import NameKey, name_key
from torturefree.screening.spelling import fold

_APOSTROPHES = re.compile("['\u2019\u2018\u02bc`]")


def without_apostrophes(name: str) -> str:
    return _APOSTROPHES.sub("", name)


def respellings(keys: Sequence[NameKey], persons: Sequence[bool | None]) -> dict[str, str]:
    """Listed tokens that read differently without the name's apostrophes, and how."""
    out: dict[str, str] = {}
    for key, is_person in zip(keys, persons, strict=True):
        if not _APOSTROPHES.search(key.original):
            continue
        plain = name_key(without_apostrophes(key.original), is_person).tokens
        if len(plain) != len(key.tokens):
            continue
        for listed, spelled in zip(key.tokens, plain, strict=True):
            if listed != spelled:
                out.setdefault(listed, spelled)
    return out


def respelled(
    tokens: list[str],
    folded: list[str],
    cols: npt.NDArray[np.int32],
    spellings: dict[int, str],
    marked: npt.NDArray[np.bool_],
) -> tuple[list[str], list[str]]:
    """The listed tokens (vocabulary numbers `cols`) and folded spellings, respelled where
    `marked` (per vocabulary number) says so."""
    hits = marked[cols].nonzero()[0]
    if not len(hits):
        return tokens, folded
    tokens, folded = list(tokens), list(folded)
    for position in hits.tolist():
        tokens[position] = spellings[int(cols[position])]
        folded[position] = fold(tokens[position])
    return tokens, folded
