"""An upper bound of every candidate's name_v2/v3 name score, from the token similarities alone.

Most screened parties are on no list: every one of their candidates scores below the threshold,
and the greedy alignment and name scores computed for them (most of a query's cost) are thrown
away. The bound below needs only the token similarities the alignment starts from, so
`scoring.score_parts` can stop before building the cube and aligning when no candidate can reach its floor.
It never changes a score: either every score is computed as before, or none is shown.

Why it is a bound (scoring._name_scores, step by step):

- The alignment pairs each alias part with at most one query part, so the matched weight on the
  query side is at most the sum over alias parts of the best (query weight × similarity) of any
  query part with it, and at most the query's whole weight; on the alias side, the sum over
  alias parts of weight × best similarity. Coverages are those over the total weights. Both
  need only each listed token's best similarity, not the alias-by-alias cube.
- The score is share × the larger coverage + (1 − share) × the smaller, share being
  `best_coverage_share` or 0.5: at most the same with the larger of the two (both at least 0.5).
- The conflict cut and the information factor min(1, information / required)² only lower it;
  the aligned information is the matched query weight, bounded as above.
- The spacing-blind join gives joined × factor with information total × joined, where joined
  ≥ 0.9 (any such alias is counted, whether or not the v3 spacing condition holds).
- name_v3's name-level rules replace the score where theirs is higher: their scores are taken
  as they are. Weak aliases are multiplied by their factor, as the score is; name_v4 and name_v5
  only lower scores after this (rules_v4.gate).

The bound is computed from the same float32 similarities and weights, in other steps: a score
may exceed its bound by rounding (a few units of 1e-7); `BOUND_MARGIN` is far above that.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from torturefree.screening.algorithm import NameV2Config

if TYPE_CHECKING:
    from torturefree.screening.scoring import Part

FloatArray = npt.NDArray[np.float32]
RuleScores = tuple[FloatArray, npt.NDArray[np.int8]]
BOUND_MARGIN = 1e-4


def upper_bounds(
    parts: Sequence[Part],
    sim: FloatArray,
    widths: Sequence[int],
    where: npt.NDArray[np.intp],
    weights_a: FloatArray,
    joined: FloatArray,
    found: list[RuleScores | None] | None,
    weak: npt.NDArray[np.bool_],
    config: NameV2Config,
) -> npt.NDArray[np.float64]:
    """Per candidate: at least its name score.

    `sim`: query part × listed token similarity, the parts' columns side by side (`widths` of
    them per part) and one zero column after; `where`: each candidate's parts' columns.
    """
    sizes = [len(p.numbers) for p in parts]
    # Per column, the best similarity of any query part to it, and the best weighted one (with
    # the query's weights in that column's list): each alias part is paired at most once.
    weights_q = np.array([p.query.weights for p in parts]).T.repeat(widths, axis=1)
    best = sim.max(axis=0)
    weighted = np.concatenate([(sim[:, :-1] * weights_q).max(axis=0), [0.0]])
    got_q = weighted[where].sum(axis=1)
    got_a = np.einsum("ij,ij->i", best[where], weights_a)
    total_q = np.array([float(p.query.weights.sum()) or 1.0 for p in parts]).repeat(sizes)
    required = np.array([p.query.required for p in parts]).repeat(sizes)
    got_q = np.minimum(got_q, total_q)  # nor more than all of the query
    cover_q = got_q / total_q
    cover_a = got_a / np.maximum(weights_a.sum(axis=1), 1e-9)
    share = max(config.best_coverage_share, 0.5)
    high, low = np.maximum(cover_q, cover_a), np.minimum(cover_q, cover_a)
    aligned = (share * high + (1 - share) * low) * np.minimum(1.0, got_q / required) ** 2
    aligned *= max(1.0, 1.0 - config.conflict_share)  # the cut lowers (unless configured not to)
    merged = np.where(
        joined >= 0.9,
        joined * config.merged_tokens_factor * np.minimum(1.0, total_q * joined / required) ** 2,
        0.0,
    )
    bound = np.maximum(aligned, merged)
    if found is not None:
        rules = [
            f[0] if f is not None else np.zeros(n, np.float32)
            for f, n in zip(found, sizes, strict=True)
        ]
        bound = np.maximum(bound, np.concatenate(rules))
    bound = np.minimum(bound, 1.0)
    return np.asarray(np.where(weak, bound * config.weak_alias_factor, bound), dtype=np.float64)
