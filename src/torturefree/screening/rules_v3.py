"""name_v3's rules on top of name_v2's bulk scoring: abjad keys and acronyms.

Token level: an Arabic-script word and a listed word (or a listed Arabic-script word and a query
word) compare on abjad keys (abjad.py). Name level: a whole name's abjad key written as one word
('عبد المالك دروكدال' / 'ABDELMALEK DROUKDEL'), and an acronym against the other name's initials
('IUVM' / 'INTERNATIONAL UNION OF VIRTUAL MEDIA'), organisations only. Each rule scores on its own
and counts only where it beats the aligned score.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA, Levenshtein
from rapidfuzz.process import cdist

from torturefree.screening.abjad import abjad_key, arabic_text, joined_abjad
from torturefree.screening.algorithm import NameV3Config
from torturefree.screening.extras import (
    Extras,
    acronym_form,
    is_vowelless,
    name_initials,
    without_article,
)
from torturefree.screening.normalize import NameKey
from torturefree.screening.spelling import PARTICLES

FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]
ABJAD_HOW = 8
ARTICLE_HOW = 9
RULE_MERGED_ABJAD = 3
RULE_ACRONYM = 4
RULE_IDENTICAL = 5


@dataclass(frozen=True, slots=True)
class QueryV3:
    """What name_v3 knows of a query besides name_v2's arrays."""

    abjad: list[str]
    arabic: BoolArray
    joined_abjad: str
    acronym: str
    initials: str
    particle: BoolArray
    vowelless: BoolArray
    # The name as written, when it is in Arabic script (abjad.arabic_text); else ''.
    text: str


@dataclass(frozen=True, slots=True)
class ColumnsV3:
    """What name_v3 knows of the listed tokens a query is compared with (bulk.Columns), per
    column: Arabic-script word, particle, without vowels. Abjad keys are looked up only for the
    columns that need them (a Latin query needs those of Arabic-script words only)."""

    arabic: BoolArray
    particle: BoolArray
    vowelless: BoolArray
    # Codes of the spellings without an attached article: per column, and the query's per
    # (query token, column) from the column's list (codes mean something in their list only).
    article: npt.NDArray[np.int32]
    query_article: npt.NDArray[np.int32]
    # Per list block: its vocabulary's abjad keys and the block's vocabulary numbers.
    blocks: tuple[tuple[list[str], npt.NDArray[np.int32]], ...]

    @classmethod
    def of(cls, extras: Extras, cols: npt.NDArray[np.int32], tokens: tuple[str, ...]) -> ColumnsV3:
        codes = extras.article_codes
        query = np.array([codes.get(without_article(t), -1) for t in tokens], dtype=np.int32)
        return cls(
            arabic=extras.abjad_origin[cols],
            particle=extras.particle[cols],
            vowelless=extras.vowelless[cols],
            article=extras.article[cols],
            query_article=np.repeat(query[:, None], len(cols), axis=1),
            blocks=((extras.abjad, cols),),
        )

    @classmethod
    def merge(cls, parts: list[ColumnsV3]) -> ColumnsV3:
        return cls(
            arabic=np.concatenate([p.arabic for p in parts]),
            particle=np.concatenate([p.particle for p in parts]),
            vowelless=np.concatenate([p.vowelless for p in parts]),
            article=np.concatenate([p.article for p in parts]),
            query_article=np.concatenate([p.query_article for p in parts], axis=1),
            blocks=tuple(b for p in parts for b in p.blocks),
        )

    def same_without_article(self) -> BoolArray:
        """Per (query token, column): one is the other with an article written onto it."""
        return np.asarray((self.query_article == self.article[None, :]) & (self.query_article >= 0))

    def keys_at(self, positions: npt.NDArray[np.intp]) -> list[str]:
        """Abjad keys of the columns at `positions` (ascending)."""
        out: list[str] = []
        start = 0
        for keys, cols in self.blocks:
            inside = positions[(positions >= start) & (positions < start + len(cols))]
            out.extend(keys[int(c)] for c in cols[inside - start])
            start += len(cols)
        return out


@lru_cache(maxsize=50_000)
def query_v3(key: NameKey, arabic: frozenset[str]) -> QueryV3:
    """A query's name_v3 view; the same for every list (a screening asks for it per list)."""
    return QueryV3(
        abjad=[abjad_key(t, t in arabic) for t in key.tokens],
        arabic=np.array([t in arabic for t in key.tokens], dtype=np.bool_),
        particle=np.array([t in PARTICLES for t in key.tokens], dtype=np.bool_),
        vowelless=np.array([t.isalpha() and is_vowelless(t) for t in key.tokens], dtype=np.bool_),
        text=arabic_text(key.original) if arabic else "",
        joined_abjad=joined_abjad(key.tokens),
        acronym=acronym_form(key),
        initials=name_initials(key),
    )


def abjad_weights(
    key: NameKey, weights: list[float], arabic: frozenset[str], extras: Extras, default: float
) -> list[float]:
    """Arabic-script words weigh the rarity of their abjad key ('mhmd' is every Muhammad)."""
    return [
        extras.abjad_idf.get(abjad_key(t, True), default) * (w > 0) if t in arabic else w
        for t, w in zip(key.tokens, weights, strict=True)
    ]


def abjad_similarity(
    query: QueryV3, columns: ColumnsV3, config: NameV3Config
) -> tuple[FloatArray, BoolArray] | None:
    """For an Arabic-script query: the similarity of its Arabic-script words to every listed
    word on abjad keys, and those pairs (None for a query without Arabic script).

    A Latin query meets a name listed in Arabic script as a whole name only (name_rule_scores):
    comparing its words with every listed Arabic-script word would cost every query for a rare
    case. Particles match particles only ('al' and 'Ali' share a key).
    """
    if not query.arabic.any():
        return None
    keys = columns.keys_at(np.arange(len(columns.arabic)))
    pairs = np.broadcast_to(query.arabic[:, None], (len(query.abjad), len(keys)))
    keyed = pairs & (query.particle[:, None] == columns.particle[None, :])
    edits = cdist(query.abjad, keys, scorer=OSA.distance, dtype=np.int32)
    q_len = np.array([len(k) for k in query.abjad], dtype=np.int32)[:, None]
    l_len = np.array([len(k) for k in keys], dtype=np.int32)[None, :]
    shortest = np.minimum(q_len, l_len)
    same = (edits == 0) & (shortest > 0)
    value = np.where(shortest >= 3, config.abjad_similarity, config.abjad_short_similarity)
    out = np.where(same, value, 0.0)
    # One consonant apart in longer keys, or one more at the end ('abd'/'abdur': an assimilated
    # article written onto the word).
    three = (edits == 1) & (shortest == 3)
    near = (edits == 1) & ((shortest >= 4) | _prefixes(three, query.abjad, keys))
    out = np.where(near & (out < config.abjad_typo_similarity), config.abjad_typo_similarity, out)
    return np.where(keyed, out, 0.0).astype(np.float32), np.asarray(pairs)


def name_rule_scores(
    query: QueryV3,
    extras: Extras,
    numbers: npt.NDArray[np.int32],
    abbreviations: BoolArray,
    config: NameV3Config,
) -> tuple[FloatArray, npt.NDArray[np.int8]]:
    """Per candidate alias: the best name-level v3 rule's score (0 if none) and its rule code."""
    scores = np.zeros(len(numbers), dtype=np.float32)
    rules = np.zeros(len(numbers), dtype=np.int8)
    # An Arabic-script query against every candidate; a Latin one against names listed in
    # Arabic script only (others it meets through their Latin names).
    arabic = np.full(len(numbers), True) if query.arabic.any() else extras.arabic_only[numbers]
    if arabic.any() and len(query.joined_abjad) >= config.abjad_joined_min_length:
        picked = numbers[arabic].tolist()
        similarity = cdist(
            [query.joined_abjad],
            [extras.alias_abjad[n] for n in picked],
            scorer=Levenshtein.normalized_similarity,
            dtype=np.float32,
        )[0]
        ok = similarity >= config.abjad_joined_min
        scores[arabic] = np.where(ok, similarity * config.abjad_joined_factor, 0.0)
        rules[arabic] = np.where(ok, RULE_MERGED_ABJAD, 0)
    if query.text in extras.arabic_texts:
        # The very same Arabic-script name: its own words, whatever their romanisation.
        same = np.isin(numbers, extras.arabic_texts[query.text])
        scores[same], rules[same] = 1.0, RULE_IDENTICAL
    if (query.acronym or query.initials) and abbreviations.any():
        acronym = _acronym_scores(query, extras, numbers, config) * abbreviations
        better = acronym > scores
        scores = np.where(better, acronym, scores).astype(np.float32)
        rules = np.where(better, RULE_ACRONYM, rules).astype(np.int8)
    return scores, rules


def _acronym_scores(
    query: QueryV3, extras: Extras, numbers: npt.NDArray[np.int32], config: NameV3Config
) -> FloatArray:
    """An acronym equal to the other side's initials, where few names share those initials."""
    out = np.zeros(len(numbers), dtype=np.float32)
    for letters, side in ((query.acronym, extras.initials), (query.initials, extras.acronym)):
        code = extras.letter_codes.get(letters, -1) if letters else -1
        if code < 0 or len(letters) < config.acronym_min_length:
            continue
        if extras.namesakes.get(letters, 0) > config.acronym_max_namesakes:
            continue
        long = len(letters) > config.acronym_min_length
        value = config.acronym_similarity if long else config.acronym_short_similarity
        out = np.where((side[numbers] == code) & (out < value), value, out).astype(np.float32)
    return out


def _prefixes(candidates: BoolArray, query: list[str], listed: list[str]) -> BoolArray:
    """Of the candidate pairs, those where one key is the other's beginning."""
    out = np.zeros(candidates.shape, dtype=np.bool_)
    for row, col in zip(*np.nonzero(candidates), strict=True):
        a, b = query[row], listed[col]
        out[row, col] = a.startswith(b) or b.startswith(a)
    return out
