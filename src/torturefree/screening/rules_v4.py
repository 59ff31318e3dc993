"""name_v4: name_v3's scores, then the rare parts of the two names must agree.

Most false alerts of name_v3 on names nobody listed come from names that share a common part
and nothing rare: one word of a longer name carrying the whole match ('Sebastiano Schleich' /
'SEBASTIANO', 'Jet Sam' / 'JIT'), or the syllables of a Chinese, Japanese or Korean name read in
Latin letters that are merely close ('成 朱' read 'cheng zhu' against 'CHEN, Zhu'): such a
reading is a pronunciation of characters, so two readings one letter apart are two different
characters, not a typo. name_v4 keeps every name_v3 score and lowers these two kinds only.
"""

from __future__ import annotations

from dataclasses import replace

from torturefree.screening.algorithm import NameV4Config, NameV5Config, NameV6Config
from torturefree.screening.index import NameIndex
from torturefree.screening.matcher import NameComparison
from torturefree.screening.rules_v5 import rests_on_little
from torturefree.screening.rules_v6 import nothing_exact

# Unicode blocks whose names are read syllable by syllable into Latin letters by transliteration.
_SYLLABIC_READINGS = (
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0x1100, 0x11FF),  # Hangul jamo
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)


def read_by_syllables(name: str) -> bool:
    """A name written (at least partly) in Han, Kana or Hangul."""
    return any(lo <= ord(c) <= hi for c in name for lo, hi in _SYLLABIC_READINGS)


def gate(
    query_name: str,
    result: NameComparison,
    score: float,
    index: NameIndex,
    config: NameV4Config,
    person: bool | None = None,
) -> tuple[float, NameComparison]:
    """The name score after name_v4's agreement rules, with the rule named in the comparison.

    `person`: the query's is_person (name_v5's few-parts rule is for persons only)."""
    factor, rules = 1.0, []
    if read_by_syllables(query_name) and any(s < 1.0 for _, _, s, _ in result.pairs):
        factor *= config.inexact_reading_factor
        rules.append("inexact_reading")
    if _one_part_carries(result, index, config):
        factor *= config.single_part_factor
        rules.append("single_part")
    if isinstance(config, NameV5Config):
        more, named = rests_on_little(result, config, person is True)
        factor *= more
        rules.extend(named)
    if isinstance(config, NameV6Config) and nothing_exact(result):
        factor *= config.nothing_exact_factor
        rules.append("nothing_exact")
    if factor == 1.0:
        return score, result
    lowered = score * factor
    return lowered, replace(result, score=lowered, rule=f"{result.rule}+{'+'.join(rules)}")


def _one_part_carries(result: NameComparison, index: NameIndex, config: NameV4Config) -> bool:
    """One aligned part makes the match while a part at least as rare is left on either side."""
    strong = [(q, a) for q, a, s, _ in result.pairs if s >= config.strong_pair_min]
    if len(strong) != 1:
        return False
    matched = index.idf(strong[0][1])
    left = [index.idf(t) for t in (*result.unmatched_query, *result.unmatched_alias)]
    return any(weight >= matched * config.rare_left_share for weight in left)
