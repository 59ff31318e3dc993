"""name_v2 name comparison in bulk: one query against many aliases at once, as arrays.

The rules are those of name_v1 (one-to-one alignment of name parts, best pairs first, IDF weights,
conflicts, joined spelling, information needed), with graded spelling similarity on raw and
folded spellings. Token similarities come from rapidfuzz's C `cdist` over the distinct tokens of
all candidates; the greedy alignment runs for all candidates together, one step per name part.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA, LCSseq, Prefix
from rapidfuzz.process import cdist

from torturefree.screening.algorithm import NameV2Config, NameV3Config
from torturefree.screening.derived import query_token_info
from torturefree.screening.normalize import NameKey
from torturefree.screening.respell import respelled
from torturefree.screening.rules_v3 import (
    ABJAD_HOW,
    ARTICLE_HOW,
    ColumnsV3,
    QueryV3,
    abjad_similarity,
    abjad_weights,
    query_v3,
)
from torturefree.screening.spelling import PARTICLES
from torturefree.screening.table import AliasTable, FloatArray, IntArray

HOW = (
    "none",
    "exact",
    "typo",
    "folded",
    "initial",
    "phonetic",
    "skeleton",
    "abbreviation",
    "abjad",
    "article",
)
RULES = ("aligned", "aligned_with_conflict", "merged", "merged_abjad", "acronym", "identical")
Matrix = npt.NDArray[np.float32]
Codes = npt.NDArray[np.int8]


@dataclass(frozen=True, slots=True)
class QueryName:
    """A query name prepared once per list: tokens, weights and keys as arrays."""

    key: NameKey
    folded: list[str]
    weights: FloatArray
    phonetic: IntArray
    skeleton: IntArray
    first: IntArray
    length: IntArray
    numeric: npt.NDArray[np.bool_]
    joined: str
    required: float
    # name_v3 only (None under name_v2, or for a table built before name_v3).
    v3: QueryV3 | None = None


def prepare_query(
    key: NameKey,
    table: AliasTable,
    idf: dict[str, float],
    default_idf: float,
    config: NameV2Config,
    arabic: frozenset[str] = frozenset(),
) -> QueryName:
    """Weigh and key the query's tokens against one list's vocabulary.

    `arabic`: the tokens that are Arabic-script words (name_v3 weighs and keys them apart).
    """
    infos = [query_token_info(table, t) for t in key.tokens]
    weights = [
        idf.get(t, default_idf) * _factor(t in key.weak, t in PARTICLES, config) for t in key.tokens
    ]
    v3 = None
    if isinstance(config, NameV3Config) and table.extras is not None:
        v3 = query_v3(key, arabic)
        if arabic:
            weights = abjad_weights(key, weights, arabic, table.extras, default_idf)
    return QueryName(
        key=key,
        folded=[i.folded for i in infos],
        weights=np.array(weights, dtype=np.float32),
        phonetic=np.array([i.phonetic for i in infos], dtype=np.int32),
        skeleton=np.array([i.skeleton for i in infos], dtype=np.int32),
        first=np.array([i.first for i in infos], dtype=np.int32),
        length=np.array([i.length for i in infos], dtype=np.int32),
        numeric=np.array([i.numeric for i in infos], dtype=np.bool_),
        joined="".join(key.tokens),
        # In a short list every token is rare; never ask for more than most of the rarest token.
        required=min(config.required_information, 0.8 * default_idf),
        v3=v3,
    )


def _factor(weak: bool, particle: bool, config: NameV2Config) -> float:
    if weak:
        return config.weak_token_factor
    return config.particle_factor if particle else 1.0


@dataclass(frozen=True, slots=True)
class Columns:
    """The listed tokens a query is compared with, one block of columns per list.

    Codes are per list (a phonetic code number means something only in its list), so the query's
    codes come per column too, from the list the column belongs to.
    """

    tokens: list[str]
    folded: list[str]
    first: IntArray
    length: IntArray
    numeric: npt.NDArray[np.bool_]
    phonetic: IntArray
    skeleton: IntArray
    query_phonetic: IntArray
    query_skeleton: IntArray
    # Columns of a list where some candidate may be abbreviated (an organisation).
    abbreviations: npt.NDArray[np.bool_]
    # name_v3 only: Arabic-script words, particles, abjad keys, words without vowels.
    v3: ColumnsV3 | None = None


def list_columns(
    query: QueryName, table: AliasTable, cols: IntArray, abbreviations: bool
) -> Columns:
    """The columns of one list's tokens `cols` for a query prepared for that list."""
    listed = cols.tolist()
    shape = (len(query.phonetic), len(listed))
    extras = table.extras
    tokens, folded = _pick(table.vocab, listed), _pick(table.folded, listed)
    if query.v3 is not None and extras is not None and extras.respelled:
        tokens, folded = respelled(tokens, folded, cols, extras.respelled, extras.respelled_mark)
    return Columns(
        tokens=tokens,
        folded=folded,
        first=table.first[cols],
        length=table.length[cols],
        numeric=table.numeric[cols],
        phonetic=table.phonetic[cols],
        skeleton=table.skeleton[cols],
        query_phonetic=np.repeat(query.phonetic[:, None], shape[1], axis=1),
        query_skeleton=np.repeat(query.skeleton[:, None], shape[1], axis=1),
        abbreviations=np.full(len(listed), abbreviations),
        v3=None
        if query.v3 is None or extras is None
        else ColumnsV3.of(extras, cols, query.key.tokens),
    )


def token_matrix(query: QueryName, columns: Columns, config: NameV2Config) -> tuple[Matrix, Codes]:
    """Similarity of each query token to each listed token, and the rule that gave it."""
    tokens = columns.tokens
    # OSA: a swapped pair of letters ('syawla'/'syawal') is one typo, as in name_v1.
    raw = cdist(query.key.tokens, tokens, scorer=OSA.normalized_similarity, dtype=np.float32)
    fold = cdist(query.folded, columns.folded, scorer=OSA.normalized_similarity, dtype=np.float32)
    # The first rule on an empty matrix: a raw typo match (graded >= 0.5 > 0 wherever it holds).
    typo = raw >= config.min_similarity
    sim = np.where(typo, _graded(raw, config), np.float32(0.0))
    how = np.where(typo, np.int8(2), np.int8(0))
    same_first = query.first[:, None] == columns.first[None, :]
    qlen, alen = query.length[:, None], columns.length[None, :]
    shortest = np.minimum(qlen, alen)
    # Folding short tokens ('ok'/'uck') equates too much: they must also start alike.
    folded_ok = (fold >= config.min_similarity) & (same_first | (shortest > 3))
    if query.v3 is not None and columns.v3 is not None:
        # A word without vowels is initials or an abbreviation ('MTT', 'MMT'): folding or
        # sounding it out finds false likenesses (both fold to 'mt', both sound 'MT').
        spelled = ~(query.v3.vowelless[:, None] | columns.v3.vowelless[None, :])
        folded_ok &= spelled
    else:
        spelled = np.ones((1, 1), dtype=np.bool_)  # broadcasts: every pair is spelled out
    _raise(sim, how, folded_ok, _graded(fold, config) * config.folded_factor, 3)
    phon = (columns.query_phonetic == columns.phonetic[None, :]) & (columns.query_phonetic >= 0)
    # A metaphone code of a short token ('SM' of 'sima' and 'somia') names too many spellings.
    phon &= same_first & (shortest >= config.phonetic_min_length) & spelled
    _raise(sim, how, phon, config.phonetic_similarity, 5)
    bones = (columns.query_skeleton == columns.skeleton[None, :]) & (columns.query_skeleton >= 0)
    _raise(sim, how, bones, config.skeleton_similarity, 6)
    if columns.abbreviations.any():
        common = cdist(query.key.tokens, tokens, scorer=LCSseq.similarity, dtype=np.int32)
        abbrev = same_first & (shortest >= 3) & (qlen != alen) & (common == shortest)
        abbrev &= columns.abbreviations[None, :]
        if isinstance(config, NameV3Config):
            # 'grp', 'intl', 'comm' leave out much of their word or are its beginning; 'sadra'
            # holds five of the seven letters of 'saderat' in order and is another name.
            longest = np.maximum(qlen, alen)
            short = shortest <= config.abbreviation_max_share * longest
            prefix = cdist(query.key.tokens, tokens, scorer=Prefix.similarity, dtype=np.int32)
            abbrev &= short | (prefix == shortest)
        _raise(sim, how, abbrev, config.abbreviation_similarity, 7)
    if query.v3 is not None and columns.v3 is not None:
        assert isinstance(config, NameV3Config)
        # 'ALOTAIBI' / 'AL-OTAIBI': the article written onto the name.
        _raise(sim, how, columns.v3.same_without_article(), config.article_similarity, ARTICLE_HOW)
        # A transliterated Arabic-script word ('mhmd') is a consonant key: spelling and sound
        # rules read it as a word and find false likenesses ('mamadu'); keys decide (exact
        # spellings still count, below).
        found = abjad_similarity(query.v3, columns.v3, config)
        if found is not None:
            abjad, pairs = found
            np.copyto(sim, np.float32(0.0), where=pairs)
            np.copyto(how, np.int8(0), where=pairs)
            _raise(sim, how, abjad > 0, abjad, ABJAD_HOW)
        elif columns.v3.arabic.any():
            sim[:, columns.v3.arabic] = 0.0
            how[:, columns.v3.arabic] = 0
    exact = raw >= 1.0
    # One letter is an initial; digits are numbers: either matches exactly or not at all.
    single = (qlen == 1) | (alen == 1)
    initial = single & same_first & ~exact
    strict = single | query.numeric[:, None] | columns.numeric[None, :]
    np.copyto(sim, np.float32(0.0), where=strict)
    np.copyto(how, np.int8(0), where=strict)
    _raise(sim, how, initial, config.initial_similarity, 4)
    np.copyto(sim, np.float32(1.0), where=exact)
    np.copyto(how, np.int8(1), where=exact)
    return sim, how


def _pick(values: list[str], positions: list[int]) -> list[str]:
    """values[p] for each position; itemgetter does the loop in C (a tuple, or one item alone)."""
    if len(positions) == 1:
        return [values[positions[0]]]
    return list(itemgetter(*positions)(values))


def _graded(similarity: Matrix, config: NameV2Config) -> Matrix:
    floor = config.similarity_floor
    return np.asarray((similarity - floor) / (1.0 - floor), dtype=np.float32)


def _raise(sim: Matrix, how: Codes, where: npt.NDArray[np.bool_], value: object, code: int) -> None:
    """Raise similarity where `where` holds and `value` beats the current one; note the rule.

    `copyto` with a mask broadcasts a scalar or a matrix in place: a third of the time of
    boolean-index assignment, the same values.
    """
    values = np.asarray(value, dtype=np.float32)
    better = where & (values > sim)
    np.copyto(sim, values, where=better)
    np.copyto(how, code, where=better, casting="unsafe")


def _columns(ids: IntArray, vocabulary: int) -> tuple[IntArray, npt.NDArray[np.intp]]:
    """The distinct listed tokens (ascending) and each alias part's column among them.

    Padding (-1) points at the extra column after the last. A mark per vocabulary entry is
    cheaper than sorting for unique values and searching, and gives the same columns.
    """
    seen = np.zeros(vocabulary + 1, dtype=np.bool_)
    seen[ids] = True  # padding marks the extra last entry, which is left out
    cols = seen[:vocabulary].nonzero()[0].astype(np.int32)
    lookup = np.empty(vocabulary + 1, dtype=np.intp)
    lookup[cols] = np.arange(len(cols))
    lookup[-1] = len(cols)  # ids of -1 read the last entry: the padding column
    return cols, lookup[ids]


def _align(cube: Matrix) -> tuple[IntArray, IntArray, FloatArray]:
    """Greedy one-to-one alignment for every candidate at once: best remaining pair per step.

    argmax takes the first maximum in (query part, alias part) order, as name_v1's stable sort.
    """
    count, rows, width = cube.shape
    everyone = np.arange(count)
    # Filled in place and cut to the steps taken (stacking lists of rows cost more than the loop).
    step_q = np.zeros((min(rows, width), count), dtype=np.int32)
    step_a = np.zeros_like(step_q)
    step_sim = np.zeros(step_q.shape, dtype=np.float32)
    flat = cube.reshape(count, rows * width)
    taken = 0
    for step in range(min(rows, width)):
        best = flat.argmax(axis=1)
        value = flat[everyone, best]
        if value.max(initial=0.0) <= 0:  # nothing left to pair for anyone (similarities >= 0)
            break
        row, col = np.divmod(best, width)
        step_q[step], step_a[step], step_sim[step] = row, col, value
        cube[everyone, row, :] = 0.0
        cube[everyone, :, col] = 0.0
        taken = step + 1
    return step_q[:taken], step_a[:taken], step_sim[:taken]
