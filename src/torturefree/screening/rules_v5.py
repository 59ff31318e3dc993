"""name_v5: name_v4's scores, then two rules on how little the match rests on.

Most false alerts name_v4 still gives on names nobody listed (the development half of the
generated multicultural names, docs/screening.md) rest on short parts that are only alike —
'John Hoang' / 'HUANG, Jinee' (john ~ jinee by sound), 'Jun Li' / 'LEE, John' — or on two
syllables of a five-syllable Chinese name ('zhi shi zhang gu chuan' / 'ZHANG, Shi'). Both are
properties of any name, not of one language: a short word has few letters to disagree in, so
two short words that sound alike are weak evidence; a match that leaves most of the query
unexplained is weak evidence. Exact short parts, initials, abbreviations, articles and
Arabic-script consonant keys are not touched (the last keeps cross-script recall).
"""

from __future__ import annotations

from torturefree.screening.algorithm import NameV5Config
from torturefree.screening.matcher import NameComparison
from torturefree.screening.spelling import PARTICLES

# How a pair was aligned that counts as 'only alike' (bulk.HOW's spelling approximations).
APPROXIMATE = frozenset({"typo", "folded", "phonetic", "skeleton"})


def rests_on_little(
    result: NameComparison, config: NameV5Config, person: bool
) -> tuple[float, list[str]]:
    """The factor name_v5 applies to a name_v4 score, and the rules that gave it.

    The few-parts rule applies to a person's name only: an organisation's name carries words
    of place and kind ('Katibat Ansar al Charia', 'Ansar al Charia in Libya') that another of
    its names leaves out, and a query may give one name in two scripts."""
    factor, rules = 1.0, []
    short = sum(_short_and_approximate(q, a, s, how, config) for q, a, s, how in result.pairs)
    if short:
        # Each such pair is another part that may agree by chance.
        factor *= config.short_approximate_factor**short
        rules.append("short_approximate")
    # Particles (bin, al, van, de) say whose son or which family, not who: they are not parts
    # here, so a long nasab ('Khalil Ben Ahmed Ben Mohamed JARRAYA' / 'JARRAYA, Khalil') keeps
    # its score.
    matched = sum(q not in PARTICLES for q, _, _, _ in result.pairs)
    parts = matched + sum(q not in PARTICLES for q in result.unmatched_query)
    if person and matched and 2 * matched < parts:
        factor *= config.few_parts_factor
        rules.append("few_parts")
    return factor, rules


def _short_and_approximate(
    query: str, alias: str, similarity: float, how: str, config: NameV5Config
) -> bool:
    return (
        similarity < 1.0
        and how in APPROXIMATE
        and min(len(query), len(alias)) <= config.short_part_letters
    )
