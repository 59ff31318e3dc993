"""name_v2 name scores in bulk, for one list's candidates or for several lists' at once.

Scoring a query costs a fixed number of array steps per call, whatever the number of candidates;
a screening against SDN and UN used to pay them twice. `score_parts` compares each list's tokens
on its own (vocabularies, codes and weights are per list), then aligns and scores the candidates
of every list together. Every value is the one the single-list computation gives: per-list
quantities that entered as Python floats (total query weight, required information) enter as
float32 arrays of the same value — NumPy casts a Python float to float32 against a float32 array
— and alias rows are padded with zeros, which neither the alignment nor the sums can see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from torturefree.screening.algorithm import NameV2Config, NameV3Config
from torturefree.screening.bounds import BOUND_MARGIN, RuleScores, upper_bounds
from torturefree.screening.bulk import (
    Codes,
    Columns,
    QueryName,
    _align,
    _columns,
    token_matrix,
)
from torturefree.screening.derived import alias_weights, alias_widths
from torturefree.screening.gather import merged_columns
from torturefree.screening.joined import joined_similarities
from torturefree.screening.rules_v3 import name_rule_scores
from torturefree.screening.table import AliasTable, FloatArray, IntArray


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


@dataclass(frozen=True, slots=True)
class Part:
    """One list's share of a scoring: the query prepared for the list and its candidates.

    `abbreviations` says per alias whether 'Grp' may stand for 'Group' (organisations only).
    """

    query: QueryName
    table: AliasTable
    numbers: IntArray
    abbreviations: npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class _Side:
    """A part's candidates as token columns, and the per-alias values that need no query."""

    width: int
    cols: IntArray
    where: npt.NDArray[np.intp]
    weights_a: FloatArray
    total_a: FloatArray
    joined: FloatArray


def score_bulk(
    query: QueryName,
    table: AliasTable,
    numbers: IntArray,
    config: NameV2Config,
    abbreviations: npt.NDArray[np.bool_],
) -> BulkScores:
    """Score the query against aliases `numbers` of one list (name_v2)."""
    found = score_parts([Part(query, table, numbers, abbreviations)], config)
    assert found is not None  # without floors every score is computed
    return found


def score_parts(
    parts: Sequence[Part], config: NameV2Config, floors: Sequence[float] | None = None
) -> BulkScores | None:
    """Score every part's candidates; positions in the result follow the parts in order.

    With `floors` (one per part), None when no candidate can reach its part's floor: an upper
    bound of every score (`bounds.py`) is computed before the alignment, and a query whose
    candidates all fall short (most queries: most parties are on no list) skips the rest.
    Without `floors`, or when some candidate may reach it, every score is computed as before.
    """
    alike = joined_similarities([(p.query.joined, p.table, p.numbers) for p in parts])
    sides = [_side(part, config, j) for part, j in zip(parts, alike, strict=True)]
    columns, where = _merge_columns(parts, sides)
    sim, how = token_matrix(parts[0].query, columns, config)
    pad_sim = np.concatenate([sim, np.zeros((len(sim), 1), dtype=np.float32)], axis=1)
    weights_a = _stack([s.weights_a for s in sides])
    found = _rule_scores(parts, config)
    weak = _joined_arrays([p.table.alias_weak[p.numbers] for p in parts])
    if floors is not None:
        joined = _joined_arrays([s.joined for s in sides])
        widths = [len(s.cols) for s in sides]
        bound = upper_bounds(parts, pad_sim, widths, where, weights_a, joined, found, weak, config)
        if not (bound >= _per_alias(parts, list(floors)) - BOUND_MARGIN).any():
            return None
    pad_how = np.concatenate([how, np.zeros((len(how), 1), dtype=np.int8)], axis=1)
    cube = np.ascontiguousarray(pad_sim[:, where].transpose(1, 0, 2))
    abbreviations = _joined_arrays([p.abbreviations for p in parts])
    # Only a pair matched as an abbreviation ('how' 7) can need undoing for some aliases.
    if not abbreviations.all() and (how == 7).any():
        cube[(pad_how[:, where].transpose(1, 0, 2) == 7) & ~abbreviations[:, None, None]] = 0.0
    steps = _align(cube)
    step_q, step_a, step_sim = steps
    step_how = pad_how[step_q, where[np.arange(len(where))[None, :], step_a]]
    scores, rules, information = _name_scores(parts, sides, weights_a, steps, config)
    if found is not None:
        _name_rules_v3(parts, found, scores, rules, information)
    scores = scores * np.where(weak, config.weak_alias_factor, 1.0)
    return BulkScores(
        numbers=_joined_arrays([p.numbers for p in parts]),
        scores=scores.astype(np.float32),
        rules=rules,
        information=information,
        step_q=step_q,
        step_a=step_a,
        step_sim=step_sim,
        step_how=step_how.astype(np.int8),
    )


def _side(part: Part, config: NameV2Config, joined: FloatArray | None = None) -> _Side:
    table, numbers = part.table, part.numbers
    width = int(alias_widths(table)[numbers].max(initial=1))
    ids = table.token_ids[numbers, :width]
    cols, where = _columns(ids, len(table.vocab))
    weights_a = alias_weights(table, config)[numbers, :width]
    # Summed at the list's own width: padding would change the order of float32 additions.
    total_a = np.maximum(weights_a.sum(axis=1), 1e-9)
    if joined is None:
        joined = joined_similarities([(part.query.joined, table, numbers)])[0]
    return _Side(width, cols, where, weights_a, total_a, joined)


def _merge_columns(
    parts: Sequence[Part], sides: list[_Side]
) -> tuple[Columns, npt.NDArray[np.intp]]:
    """All parts' token columns side by side, and each alias part's column among them.

    An alias's padding, and the parts of aliases narrower than the widest, point at the one
    padding column after the last (similarity 0, rule none).
    """
    columns = merged_columns(
        [p.query for p in parts],
        [p.table for p in parts],
        [s.cols for s in sides],
        [bool(p.abbreviations.any()) for p in parts],
    )
    if len(parts) == 1:
        return columns, sides[0].where
    total = sum(len(s.cols) for s in sides)
    where = np.full((sum(len(p.numbers) for p in parts), max(s.width for s in sides)), total)
    row = column = 0
    for side in sides:
        count, listed = len(side.where), len(side.cols)
        local = side.where
        where[row : row + count, : side.width] = np.where(local < listed, local + column, total)
        row, column = row + count, column + listed
    return columns, where


def _joined_arrays(arrays: list[npt.NDArray[Any]]) -> npt.NDArray[Any]:
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


def _stack(blocks: list[npt.NDArray[np.float32]]) -> npt.NDArray[np.float32]:
    """Blocks one after the other on the first axis, zero-padded on the last to the widest."""
    if len(blocks) == 1:
        return blocks[0]
    width = max(b.shape[-1] for b in blocks)
    out = np.zeros((sum(len(b) for b in blocks), *blocks[0].shape[1:-1], width), np.float32)
    start = 0
    for block in blocks:
        out[start : start + len(block), ..., : block.shape[-1]] = block
        start += len(block)
    return out


def _per_alias(parts: Sequence[Part], values: list[float]) -> FloatArray:
    """One float32 per candidate: its part's value."""
    sizes = [len(p.numbers) for p in parts]
    return np.array(values, dtype=np.float64).astype(np.float32).repeat(sizes)


def _name_scores(
    parts: Sequence[Part],
    sides: list[_Side],
    weights_a: FloatArray,
    steps: tuple[IntArray, IntArray, FloatArray],
    config: NameV2Config,
) -> tuple[FloatArray, npt.NDArray[np.int8], FloatArray]:
    step_q, step_a, step_sim = steps
    totals = [float(p.query.weights.sum()) or 1.0 for p in parts]
    total_q = _per_alias(parts, totals)
    floor_q = _per_alias(parts, [0.2 * t - 1e-6 for t in totals])
    required = _per_alias(parts, [p.query.required for p in parts])
    weights_q = np.concatenate(
        [np.broadcast_to(p.query.weights, (len(p.numbers), len(p.query.weights))) for p in parts]
    )
    total_a = _joined_arrays([s.total_a for s in sides])
    everyone = np.arange(len(total_q))[None, :]
    step_wq, step_wa = weights_q[everyone, step_q], weights_a[everyone, step_a]
    got_q = (step_sim * step_wq).sum(axis=0)
    got_a = (step_sim * step_wa).sum(axis=0)
    matched = step_sim > 0
    left_q = total_q - (matched * step_wq).sum(axis=0)
    left_a = total_a - (matched * step_wa).sum(axis=0)
    cover_q, cover_a = got_q / total_q, got_a / total_a
    # One matched part covering a one-word name ('Lydia' in 'Radovan Lydia Sokol') is not a
    # name contained in another: the better-covered side earns its share from two parts up.
    share = np.where(matched.sum(axis=0) >= 2, config.best_coverage_share, 0.5)
    score = share * np.maximum(cover_q, cover_a) + (1 - share) * np.minimum(cover_q, cover_a)
    conflict = (left_q >= floor_q) & (left_a >= 0.2 * total_a - 1e-6)
    score = np.where(conflict, score * (1.0 - config.conflict_share), score)
    rules = np.where(conflict, 1, 0).astype(np.int8)
    # Spacing differences ("ABDUL HAI" / "ABDULHAI") defeat part alignment but not a join.
    joined = _joined_arrays([s.joined for s in sides])
    merged = (joined >= 0.9) & (joined * config.merged_tokens_factor > score)
    if isinstance(config, NameV3Config) and config.merged_needs_other_spacing:
        merged &= _part_counts(parts) != (weights_a > 0).sum(axis=1)
    score = np.where(merged, joined * config.merged_tokens_factor, score)
    rules[merged] = 2
    information = np.where(merged, total_q * joined, got_q)
    # Squared: a single common word ("CORP", "TRADING") keeps a small share, not most, of its score.
    score = score * np.minimum(1.0, information / required) ** 2
    return np.minimum(score, 1.0).astype(np.float32), rules, information.astype(np.float32)


def _part_counts(parts: Sequence[Part]) -> IntArray:
    """Per candidate: how many parts its part's query name has."""
    counts = [len(p.query.key.tokens) for p in parts]
    return np.array(counts, dtype=np.int32).repeat([len(p.numbers) for p in parts])


def _rule_scores(parts: Sequence[Part], config: NameV2Config) -> list[RuleScores | None] | None:
    """name_v3's name-level rule scores (rules_v3.py) per part (None: the part has none)."""
    if not isinstance(config, NameV3Config):
        return None
    out: list[RuleScores | None] = []
    for part in parts:
        extras, v3 = part.table.extras, part.query.v3
        found = None
        if extras is not None and v3 is not None:
            found = name_rule_scores(v3, extras, part.numbers, part.abbreviations, config)
        out.append(found)
    return out


def _name_rules_v3(
    parts: Sequence[Part],
    found: list[RuleScores | None],
    scores: FloatArray,
    rules: npt.NDArray[np.int8],
    information: FloatArray,
) -> None:
    """name_v3's name-level rules, in place where they beat the aligned score.

    A rule's score stands on its own: its information is the query's whole weight.
    """
    start = 0
    for part, rule in zip(parts, found, strict=True):
        end = start + len(part.numbers)
        if rule is not None:
            values, codes = rule
            better = values > scores[start:end]
            scores[start:end][better] = values[better]
            rules[start:end][better] = codes[better]
            information[start:end][better] = part.query.weights.sum()
        start = end
