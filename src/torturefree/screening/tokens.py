"""How alike two name tokens are: exact, typo, phonetic, initial, abbreviation, abjad skeleton."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from torturefree.screening.algorithm import NameV1Config
from torturefree.screening.normalize import phonetic, skeleton


def allowed_edits(length: int) -> int:
    """Typos tolerated in a token: none in short tokens, where one edit changes the name."""
    if length <= 3:
        return 0
    if length <= 5:
        return 1
    if length <= 9:
        return 2
    return 3


def _is_abbreviation(short: str, long: str) -> bool:
    """'grp' of 'group', 'comm' of 'communications': same start, letters in order."""
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    if long.startswith(short) and len(short) >= 3:
        return True
    position = 0
    for char in short:
        position = long.find(char, position) + 1
        if position == 0:
            return False
    return len(short) >= 3


@lru_cache(maxsize=500_000)
def token_similarity(
    a: str, b: str, allow_abbreviation: bool, config: NameV1Config
) -> tuple[float, str]:
    """Similarity of two tokens in 0..1 and the rule that gave it (for the explanation)."""
    if a == b:
        return 1.0, "exact"
    longest = max(len(a), len(b))
    edits = OSA.distance(a, b, score_cutoff=allowed_edits(min(len(a), len(b))))
    best, rule = 0.0, "none"
    if edits <= allowed_edits(min(len(a), len(b))):
        best, rule = 1.0 - config.edit_cost * edits / longest, "typo"
    if len(a) == 1 or len(b) == 1:
        if a[0] == b[0] and best < config.initial_similarity:
            best, rule = config.initial_similarity, "initial"
        return best, rule
    if (
        best < config.phonetic_similarity
        and a[0] == b[0]
        and phonetic(a)
        and phonetic(a) == phonetic(b)
    ):
        best, rule = config.phonetic_similarity, "phonetic"
    if best < config.skeleton_similarity and len(a) > 3 and len(b) > 3:
        sa, sb = skeleton(a), skeleton(b)
        if len(sa) >= 4 and sa == sb:
            best, rule = config.skeleton_similarity, "skeleton"
    if allow_abbreviation and best < config.abbreviation_similarity:
        short, long = (a, b) if len(a) < len(b) else (b, a)
        if _is_abbreviation(short, long):
            best, rule = config.abbreviation_similarity, "abbreviation"
    return best, rule
