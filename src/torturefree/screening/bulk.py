"""name_v2 name comparison in bulk: one query against many aliases at once, as arrays.

The rules are those of name_v1 (one-to-one alignment of name parts, best pairs first, IDF weights,
conflicts, joined spelling, information needed), with graded spelling similarity on raw and
folded spellings. Token similarities come from rapidfuzz's C `cdist` over the distinct tokens of
all candidates; the greedy alignment runs for all candidates together, one step per name part.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA, LCSseq, Levenshtein
from rapidfuzz.process import cdist

from torturefree.screening.algorithm import NameV2Config
from torturefree.screening.matcher import NameComparison
from torturefree.screening.normalize import NameKey
from torturefree.screening.spelling import PARTICLES
from torturefree.screening.table import AliasTable, FloatArray, IntArray, token_info

HOW = ("none", "exact", "typo", "folded", "initial", "phonetic", "skeleton", "abbreviation")
RULES = ("aligned", "aligned_with_conflict", "merged")
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


def prepare_query(
    key: NameKey, table: AliasTable, idf: dict[str, float], default_idf: float, config: NameV2Config
) -> QueryName:
    """Weigh and key the query's tokens against one list's vocabulary."""
    infos = [token_info(t, table.phonetic_codes, table.skeleton_codes) for t in key.tokens]
    weights = [
        idf.get(t, default_idf) * _factor(t in key.weak, t in PARTICLES, config) for t in key.tokens
    ]
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
    )


def _factor(weak: bool, particle: bool, config: NameV2Config) -> float:
    if weak:
        return config.weak_token_factor
    return config.particle_factor if particle else 1.0


def token_matrix(
    query: QueryName, table: AliasTable, cols: IntArray, config: NameV2Config, abbreviations: bool
) -> tuple[Matrix, Codes]:
    """Similarity of each query token to each listed token `cols`, and the rule that gave it."""
    listed = cols.tolist()
    tokens = [table.vocab[c] for c in listed]
    # OSA: a swapped pair of letters ('syawla'/'syawal') is one typo, as in name_v1.
    raw = cdist(query.key.tokens, tokens, scorer=OSA.normalized_similarity, dtype=np.float32)
    folded = [table.folded[c] for c in listed]
    fold = cdist(query.folded, folded, scorer=OSA.normalized_similarity, dtype=np.float32)
    sim = np.zeros(raw.shape, dtype=np.float32)
    how = np.zeros(raw.shape, dtype=np.int8)
    _raise(sim, how, raw >= config.min_similarity, _graded(raw, config), 2)
    same_first = query.first[:, None] == table.first[cols][None, :]
    qlen, alen = query.length[:, None], table.length[cols][None, :]
    shortest = np.minimum(qlen, alen)
    # Folding short tokens ('ok'/'uck') equates too much: they must also start alike.
    folded_ok = (fold >= config.min_similarity) & (same_first | (shortest > 3))
    _raise(sim, how, folded_ok, _graded(fold, config) * config.folded_factor, 3)
    phon = (query.phonetic[:, None] == table.phonetic[cols][None, :]) & (
        query.phonetic[:, None] >= 0
    )
    # A metaphone code of a short token ('SM' of 'sima' and 'somia') names too many spellings.
    phon &= same_first & (shortest >= config.phonetic_min_length)
    _raise(sim, how, phon, config.phonetic_similarity, 5)
    bones = (query.skeleton[:, None] == table.skeleton[cols][None, :]) & (
        query.skeleton[:, None] >= 0
    )
    _raise(sim, how, bones, config.skeleton_similarity, 6)
    if abbreviations:
        common = cdist(query.key.tokens, tokens, scorer=LCSseq.similarity, dtype=np.int32)
        abbrev = same_first & (shortest >= 3) & (qlen != alen) & (common == shortest)
        _raise(sim, how, abbrev, config.abbreviation_similarity, 7)
    exact = raw >= 1.0
    # One letter is an initial; digits are numbers: either matches exactly or not at all.
    single = (qlen == 1) | (alen == 1)
    initial = single & same_first & ~exact
    strict = single | query.numeric[:, None] | table.numeric[cols][None, :]
    sim[strict] = 0.0
    how[strict] = 0
    _raise(sim, how, initial, config.initial_similarity, 4)
    sim[exact] = 1.0
    how[exact] = 1
    return sim, how


def _graded(similarity: Matrix, config: NameV2Config) -> Matrix:
    floor = config.similarity_floor
    return np.asarray((similarity - floor) / (1.0 - floor), dtype=np.float32)


def _raise(sim: Matrix, how: Codes, where: npt.NDArray[np.bool_], value: object, code: int) -> None:
    """Raise similarity where `where` holds and `value` beats the current one; note the rule."""
    values = np.broadcast_to(np.asarray(value, dtype=np.float32), sim.shape)
    better = where & (values > sim)
    sim[better] = values[better]
    how[better] = code


@dataclass(frozen=True, slots=True)
class BulkScores:
    """Name scores of one query against candidate aliases, with the alignment steps kept."""

    numbers: IntArray
    scores: FloatArray
    rules: npt.NDArray[np.int8]
    information: FloatArray
    step_q: IntArray
    step_a: IntArray
    step_sim: FloatArray
    step_how: Codes


def score_bulk(
    query: QueryName,
    table: AliasTable,
    numbers: IntArray,
    config: NameV2Config,
    abbreviations: npt.NDArray[np.bool_],
) -> BulkScores:
    """Score the query against aliases `numbers` (name_v2); nothing is computed per pair in Python.

    `abbreviations` says per alias whether 'Grp' may stand for 'Group' (organisations only).
    """
    ids = table.token_ids[numbers]
    width = int(np.max(np.sum(ids >= 0, axis=1), initial=1))
    ids = ids[:, :width]
    cols = np.unique(ids[ids >= 0])
    sim, how = token_matrix(query, table, cols, config, bool(abbreviations.any()))
    where = np.where(ids >= 0, np.searchsorted(cols, ids), len(cols))
    pad_sim = np.concatenate([sim, np.zeros((len(sim), 1), dtype=np.float32)], axis=1)
    pad_how = np.concatenate([how, np.zeros((len(how), 1), dtype=np.int8)], axis=1)
    cube = np.ascontiguousarray(pad_sim[:, where].transpose(1, 0, 2))
    if not abbreviations.all():
        cube[(pad_how[:, where].transpose(1, 0, 2) == 7) & ~abbreviations[:, None, None]] = 0.0
    steps = _align(cube)
    step_q, step_a, step_sim = steps
    step_how = pad_how[step_q, where[np.arange(len(numbers))[None, :], step_a]]
    weights_a = _alias_weights(table, numbers, ids, config)
    scores, rules, information = _name_scores(query, table, numbers, weights_a, steps, config)
    scores = scores * np.where(table.alias_weak[numbers], config.weak_alias_factor, 1.0)
    return BulkScores(
        numbers=numbers,
        scores=scores.astype(np.float32),
        rules=rules,
        information=information,
        step_q=step_q,
        step_a=step_a,
        step_sim=step_sim,
        step_how=step_how.astype(np.int8),
    )


def _alias_weights(
    table: AliasTable, numbers: IntArray, ids: IntArray, config: NameV2Config
) -> FloatArray:
    width = ids.shape[1]
    factor = np.where(
        table.weak[numbers, :width],
        config.weak_token_factor,
        np.where(table.particle[numbers, :width], config.particle_factor, 1.0),
    )
    return np.where(ids >= 0, table.idf[np.maximum(ids, 0)] * factor, 0.0).astype(np.float32)


def _align(cube: Matrix) -> tuple[IntArray, IntArray, FloatArray]:
    """Greedy one-to-one alignment for every candidate at once: best remaining pair per step.

    argmax takes the first maximum in (query part, alias part) order, as name_v1's stable sort.
    """
    count, rows, width = cube.shape
    everyone = np.arange(count)
    qs: list[IntArray] = []
    alias_parts: list[IntArray] = []
    sims: list[FloatArray] = []
    flat = cube.reshape(count, rows * width)
    for _ in range(min(rows, width)):
        best = flat.argmax(axis=1)
        value = flat[everyone, best]
        if not np.any(value > 0):
            break
        row, col = np.divmod(best, width)
        qs.append(row.astype(np.int32))
        alias_parts.append(col.astype(np.int32))
        sims.append(value.astype(np.float32))
        cube[everyone, row, :] = 0.0
        cube[everyone, :, col] = 0.0
    if not qs:
        empty = np.zeros((0, count), dtype=np.int32)
        return empty, empty, np.zeros((0, count), dtype=np.float32)
    return np.stack(qs), np.stack(alias_parts), np.stack(sims)


def _name_scores(
    query: QueryName,
    table: AliasTable,
    numbers: IntArray,
    weights_a: FloatArray,
    steps: tuple[IntArray, IntArray, FloatArray],
    config: NameV2Config,
) -> tuple[FloatArray, npt.NDArray[np.int8], FloatArray]:
    step_q, step_a, step_sim = steps
    everyone = np.arange(len(numbers))[None, :]
    total_q = float(query.weights.sum()) or 1.0
    total_a = np.maximum(weights_a.sum(axis=1), 1e-9)
    got_q = (step_sim * query.weights[step_q]).sum(axis=0)
    got_a = (step_sim * weights_a[everyone, step_a]).sum(axis=0)
    matched = step_sim > 0
    left_q = total_q - (matched * query.weights[step_q]).sum(axis=0)
    left_a = total_a - (matched * weights_a[everyone, step_a]).sum(axis=0)
    cover_q, cover_a = got_q / total_q, got_a / total_a
    # One matched part covering a one-word name ('Lydia' in 'Radovan Lydia Sokol') is not a
    # name contained in another: the better-covered side earns its share from two parts up.
    share = np.where(matched.sum(axis=0) >= 2, config.best_coverage_share, 0.5)
    score = share * np.maximum(cover_q, cover_a) + (1 - share) * np.minimum(cover_q, cover_a)
    conflict = (left_q >= 0.2 * total_q - 1e-6) & (left_a >= 0.2 * total_a - 1e-6)
    score = np.where(conflict, score * (1.0 - config.conflict_share), score)
    rules = np.where(conflict, 1, 0).astype(np.int8)
    # Spacing differences ("ABDUL HAI" / "ABDULHAI") defeat part alignment but not a join.
    joined = cdist(
        [query.joined],
        [table.joined[n] for n in numbers.tolist()],
        scorer=Levenshtein.normalized_similarity,
        dtype=np.float32,
    )[0]
    merged = (joined >= 0.9) & (joined * config.merged_tokens_factor > score)
    score = np.where(merged, joined * config.merged_tokens_factor, score)
    rules[merged] = 2
    information = np.where(merged, total_q * joined, got_q)
    # Squared: a single common word ("CORP", "TRADING") keeps a small share, not most, of its score.
    score = score * np.minimum(1.0, information / query.required) ** 2
    return np.minimum(score, 1.0).astype(np.float32), rules, information.astype(np.float32)


def comparison(
    bulk: BulkScores, position: int, query: QueryName, table: AliasTable
) -> NameComparison:
    """The explanation of one scored alias, rebuilt from the kept alignment steps."""
    number = int(bulk.numbers[position])
    ids = table.token_ids[number]
    alias_tokens = [table.vocab[i] for i in ids if i >= 0]
    pairs = [
        (int(q), int(a), float(s), HOW[int(h)])
        for q, a, s, h in zip(
            bulk.step_q[:, position],
            bulk.step_a[:, position],
            bulk.step_sim[:, position],
            bulk.step_how[:, position],
            strict=True,
        )
        if s > 0
    ]
    rule = RULES[int(bulk.rules[position])]
    merged = rule == "merged"
    used_q, used_a = {q for q, _, _, _ in pairs}, {a for _, a, _, _ in pairs}
    tokens = query.key.tokens
    return NameComparison(
        score=float(bulk.scores[position]),
        pairs=tuple((tokens[q], alias_tokens[a], s, how) for q, a, s, how in sorted(pairs)),
        unmatched_query=() if merged else tuple(t for i, t in enumerate(tokens) if i not in used_q),
        unmatched_alias=()
        if merged
        else tuple(t for j, t in enumerate(alias_tokens) if j not in used_a),
        information=float(bulk.information[position]),
        rule=rule,
    )
