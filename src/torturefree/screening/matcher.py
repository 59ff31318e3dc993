"""name_v1 name comparison: align name parts, weigh them by rarity, explain every step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from torturefree.screening.algorithm import NameV1Config
from torturefree.screening.normalize import NameKey
from torturefree.screening.tokens import token_similarity

Weigher = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class NameComparison:
    """The score of one query name against one alias, with the parts that explain it."""

    score: float
    pairs: tuple[tuple[str, str, float, str], ...]
    unmatched_query: tuple[str, ...]
    unmatched_alias: tuple[str, ...]
    information: float
    rule: str

    def explain(self) -> dict[str, object]:
        return {
            "name_score": round(self.score, 4),
            "rule": self.rule,
            "aligned": [
                {"query": q, "alias": a, "similarity": round(s, 3), "how": how}
                for q, a, s, how in self.pairs
            ],
            "unmatched_query": list(self.unmatched_query),
            "unmatched_alias": list(self.unmatched_alias),
            "information": round(self.information, 2),
        }


def _weights(key: NameKey, weigh: Weigher, config: NameV1Config) -> list[float]:
    return [weigh(t) * (config.weak_token_factor if t in key.weak else 1.0) for t in key.tokens]


def _align(
    query: NameKey, alias: NameKey, abbreviations: bool, config: NameV1Config
) -> list[tuple[int, int, float, str]]:
    """Greedy one-to-one alignment of name parts, best pairs first: order does not matter."""
    options: list[tuple[float, int, int, str]] = []
    for i, qt in enumerate(query.tokens):
        for j, at in enumerate(alias.tokens):
            similarity, how = token_similarity(qt, at, abbreviations, config)
            if similarity > 0.0:
                options.append((similarity, i, j, how))
    options.sort(key=lambda option: -option[0])
    used_q: set[int] = set()
    used_a: set[int] = set()
    pairs: list[tuple[int, int, float, str]] = []
    for similarity, i, j, how in options:
        if i in used_q or j in used_a:
            continue
        used_q.add(i)
        used_a.add(j)
        pairs.append((i, j, similarity, how))
    return pairs


def compare_names(
    query: NameKey, alias: NameKey, weigh: Weigher, config: NameV1Config, abbreviations: bool
) -> NameComparison:
    """Score query against alias in 0..1 (name_v1)."""
    wq, wa = _weights(query, weigh, config), _weights(alias, weigh, config)
    total_q, total_a = sum(wq) or 1.0, sum(wa) or 1.0
    pairs = _align(query, alias, abbreviations, config)
    got_q = sum(s * wq[i] for i, _, s, _ in pairs)
    got_a = sum(s * wa[j] for _, j, s, _ in pairs)
    share = config.query_coverage_share
    score = share * got_q / total_q + (1 - share) * got_a / total_a
    matched_q = {i for i, _, _, _ in pairs}
    matched_a = {j for _, j, _, _ in pairs}
    left_q = [i for i in range(len(wq)) if i not in matched_q]
    left_a = [j for j in range(len(wa)) if j not in matched_a]
    rule = "aligned"
    # Spacing differences ("ABDUL HAI" / "ABDULHAI") defeat part alignment but not a join.
    joined = Levenshtein.normalized_similarity("".join(query.tokens), "".join(alias.tokens))
    if joined * config.merged_tokens_factor > score and joined >= 0.9:
        score, rule = joined * config.merged_tokens_factor, "merged"
        left_q, left_a = [], []
    elif _conflict(left_q, wq, total_q) and _conflict(left_a, wa, total_a):
        score *= 1.0 - config.conflict_share
        rule = "aligned_with_conflict"
    information = total_q * joined if rule == "merged" else got_q
    # In a short list every token is rare; never ask for more than most of the rarest token.
    required = min(config.required_information, 0.8 * weigh(""))
    # Squared: a single common word ("CORP", "TRADING") keeps a small share, not most, of its score.
    score *= min(1.0, information / required) ** 2
    return NameComparison(
        score=min(1.0, score),
        pairs=tuple((query.tokens[i], alias.tokens[j], s, how) for i, j, s, how in sorted(pairs)),
        unmatched_query=tuple(query.tokens[i] for i in left_q),
        unmatched_alias=tuple(alias.tokens[j] for j in left_a),
        information=information,
        rule=rule,
    )


def _conflict(left: list[int], weights: list[float], total: float) -> bool:
    """A distinctive part left over: at least a fifth of the name's information."""
    return sum(weights[i] for i in left) >= 0.2 * total
