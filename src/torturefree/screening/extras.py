"""What name_v3 adds to a list's alias table, built once with the index.

Abjad keys of every listed token and of every alias written as one word; each alias's initials
and acronym form; retrieval keys for all three. name_v2 never
reads any of it, so its scores do not move.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from torturefree.screening.abjad import (
    abjad_key,
    arabic_text,
    arabic_words,
    clean_arabic,
    has_arabic,
    joined_abjad,
)
from torturefree.screening.normalize import NameKey, name_key
from torturefree.screening.respell import respellings
from torturefree.screening.spelling import PARTICLES

IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]
# Retrieval weight of each extra key kind relative to a whole-token hit (as table.KEY_WEIGHTS).
EXTRA_KEY_WEIGHTS = {"a": 0.6, "i": 1.0, "r": 1.0, "v": 1.0}
# An acronym is one short word, or a few very short ones ('DHKP/C'), of letters only.
ACRONYM_MAX_LENGTH = 8
ACRONYM_MAX_PART = 5
ACRONYM_MAX_PARTS = 3
# Initials are taken from names of at least this many distinctive words.
INITIALS_MIN_WORDS = 3
ARTICLES = ("al", "el")


@dataclass(frozen=True, slots=True)
class Extras:
    """Per vocabulary token and per alias, in the table's order."""

    abjad: list[str]
    abjad_origin: BoolArray
    abjad_idf: dict[str, float]
    vowelless: BoolArray
    particle: BoolArray
    # Per vocabulary token, a code of its spelling without an attached article ('alotaibi' and
    # 'otaibi' share one), and the codes.
    article: IntArray
    article_codes: dict[str, int]
    alias_abjad: list[str]
    # Aliases in Arabic script of entities with no name in another script: a Latin query
    # can meet them only through their abjad key (rules_v3.name_rule_scores).
    arabic_only: BoolArray
    # Per alias, a code of its initials and of its acronym form (-1: none), from letter_codes.
    initials: IntArray
    acronym: IntArray
    letter_codes: dict[str, int]
    namesakes: dict[str, int]
    # Aliases written in Arabic script, by their text (abjad.arabic_text).
    arabic_texts: dict[str, IntArray]
    # Listed tokens read otherwise without apostrophes (respell.py): vocabulary number → token,
    # and a mark per vocabulary token.
    respelled: dict[int, str]
    respelled_mark: BoolArray


def build_extras(
    vocab: Sequence[str],
    keys: Sequence[NameKey],
    targets: Sequence[int],
    persons: Sequence[bool | None],
    posting_share: float,
) -> tuple[Extras, dict[str, IntArray], dict[str, float]]:
    """The extras of a table (aliases `keys` of entities `targets`, which are persons or not),
    their retrieval postings with weights."""
    # Tokens written only in Arabic-script names: 'shah' of شاه is also the Latin 'SHAH',
    # which stays a Latin word (spelling rules apply to it).
    arabic: set[str] = set()
    latin: set[str] = set()
    for key in keys:
        words = arabic_words(key.original)
        arabic.update(words)
        latin.update(t for t in key.tokens if t not in words)
    arabic -= latin
    origin = np.array([t in arabic for t in vocab], dtype=np.bool_)
    cleaned = _cleaned_words(keys)
    abjad = [abjad_key(cleaned.get(t, t), t in arabic) for t in vocab]
    initials = [name_initials(k) for k in keys]
    acronym = [acronym_form(k) for k in keys]
    namesakes = Counter(initials) + Counter(acronym)
    namesakes.pop("", None)
    codes = {letters: code for code, letters in enumerate(sorted(namesakes))}
    respelled = respellings(keys, persons)
    vocab_ids = {t: n for n, t in enumerate(vocab)}
    article_codes: dict[str, int] = {}
    for token in vocab:
        article_codes.setdefault(without_article(token), len(article_codes))
    extras = Extras(
        article=np.array([article_codes[without_article(t)] for t in vocab], dtype=np.int32),
        article_codes=article_codes,
        abjad=abjad,
        abjad_origin=origin,
        abjad_idf=_abjad_idf(keys, arabic),
        vowelless=np.array([t.isalpha() and is_vowelless(t) for t in vocab], dtype=np.bool_),
        particle=np.array([t in PARTICLES for t in vocab], dtype=np.bool_),
        alias_abjad=[_alias_abjad(k) for k in keys],
        arabic_only=_arabic_only(keys, targets),
        initials=np.array([codes.get(i, -1) for i in initials], dtype=np.int32),
        acronym=np.array([codes.get(a, -1) for a in acronym], dtype=np.int32),
        letter_codes=codes,
        namesakes=dict(namesakes),
        arabic_texts=_arabic_texts(keys),
        respelled={vocab_ids[t]: spelled for t, spelled in respelled.items()},
        respelled_mark=np.array([t in respelled for t in vocab], dtype=np.bool_),
    )
    postings, weights = _extra_postings(keys, initials, acronym, arabic, respelled, posting_share)
    return extras, postings, weights


def without_article(token: str) -> str:
    """'alotaibi' → 'otaibi', 'elhassan' → 'hassan': an article written onto a name. Six letters
    at least must remain: 'alberto' and 'alfredo' keep their 'al'."""
    if token[:2] in ARTICLES and len(token) >= 8:
        return token[2:]
    return token


def is_vowelless(token: str) -> bool:
    """'mtt', 'kcst': initials or an abbreviation, not a spelled-out word."""
    return not any(char in "aeiouy" for char in token)


def name_initials(key: NameKey) -> str:
    """First letters of the distinctive words ('international union of virtual media': 'iuvm')."""
    words = [t for t in key.tokens if t not in key.weak and t.isalpha()]
    if len(words) < INITIALS_MIN_WORDS:
        return ""
    return "".join(w[0] for w in words)


def acronym_form(key: NameKey) -> str:
    """The name as an acronym ('IUVM', 'E.C.A. S.A.', 'DHKP/C'), or '' if it cannot be one."""
    words = [t for t in key.tokens if t not in key.weak]
    if not words or not all(w.isalpha() for w in words):
        return ""
    if len(words) > 1 and all(len(w) == 1 for w in words):
        joined = "".join(words)  # 'B R C'
    elif len(words) <= ACRONYM_MAX_PARTS and all(len(w) <= ACRONYM_MAX_PART for w in words):
        joined = "".join(words)
    else:
        return ""
    return joined if 2 <= len(joined) <= ACRONYM_MAX_LENGTH else ""


def query_extra_keys(key: NameKey, arabic: frozenset[str]) -> list[str]:
    """A query's own extra retrieval keys (abjad keys of its Arabic-script words, acronyms)."""
    keys = [f"a:{abjad_key(t, True)}" for t in key.tokens if t in arabic]
    keys.extend(f"v:{t}" for t in key.tokens)
    initials, acronym = name_initials(key), acronym_form(key)
    if acronym:
        keys.append(f"i:{acronym}")
    if initials:
        keys.append(f"r:{initials}")
    return keys


def _alias_abjad(key: NameKey) -> str:
    """An alias written as one word, from the cleaned script when it is Arabic."""
    if arabic_words(key.original):
        return joined_abjad(name_key(clean_arabic(key.original)).tokens)
    return joined_abjad(key.tokens)


def _cleaned_words(keys: Sequence[NameKey]) -> dict[str, str]:
    """Listed Arabic-script words as the query side spells them: a list's index keeps name_v2's
    tokens ('bd' for عبد, its ʿayn lost), a query's have it as a vowel ('abd', abjad.py)."""
    out: dict[str, str] = {}
    for key in keys:
        for word in key.original.split():
            if has_arabic(word):
                listed, cleaned = name_key(word).tokens, name_key(clean_arabic(word)).tokens
                if len(listed) == len(cleaned) == 1:
                    out.setdefault(listed[0], cleaned[0])
    return out


def _arabic_texts(keys: Sequence[NameKey]) -> dict[str, IntArray]:
    found: dict[str, list[int]] = defaultdict(list)
    for number, key in enumerate(keys):
        text = arabic_text(key.original)
        if text:
            found[text].append(number)
    return {t: np.asarray(n, dtype=np.int32) for t, n in found.items()}


def _arabic_only(keys: Sequence[NameKey], targets: Sequence[int]) -> BoolArray:
    arabic = [bool(arabic_words(k.original)) for k in keys]
    other_script = {t for t, a in zip(targets, arabic, strict=True) if not a}
    return np.array(
        [a and t not in other_script for t, a in zip(targets, arabic, strict=True)],
        dtype=np.bool_,
    )


def _abjad_idf(keys: Sequence[NameKey], arabic: set[str]) -> dict[str, float]:
    """Rarity of each abjad key over the aliases: 'mhmd' (every Muhammad) says little."""
    frequency: Counter[str] = Counter()
    for key in keys:
        frequency.update({abjad_key(t, t in arabic) for t in key.tokens} - {""})
    count = max(len(keys), 1)
    return {k: math.log(1 + count / df) for k, df in frequency.items()}


def _extra_postings(
    keys: Sequence[NameKey],
    initials: list[str],
    acronym: list[str],
    arabic: set[str],
    respelled: dict[str, str],
    share: float,
) -> tuple[dict[str, IntArray], dict[str, float]]:
    """Postings of abjad keys ('a:'), initials ('i:'), acronym forms ('r:') and respelled tokens
    ('v:'), capped as v2's."""
    lists: dict[str, list[int]] = defaultdict(list)
    for number, key in enumerate(keys):
        found = {f"a:{abjad_key(t, t in arabic)}" for t in key.tokens} - {"a:"}
        found.update(f"v:{respelled[t]}" for t in key.tokens if t in respelled)
        if initials[number]:
            found.add(f"i:{initials[number]}")
        if acronym[number]:
            found.add(f"r:{acronym[number]}")
        for item in found:
            lists[item].append(number)
    count = max(len(keys), 1)
    cap = max(50, int(count * share))
    postings = {k: np.asarray(v, dtype=np.int32) for k, v in lists.items() if len(v) <= cap}
    weights = {
        k: EXTRA_KEY_WEIGHTS[k[0]] * math.log(1 + count / len(v)) for k, v in postings.items()
    }
    return postings, weights
