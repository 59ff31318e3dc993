"""Screen one party against indexed watchlists: best alias per entity, features, explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from torturefree.screening.algorithm import (
    AlgorithmConfig,
    NameV2Config,
    NameV4Config,
    algorithm_name,
    get_config,
)
from torturefree.screening.explain_v2 import comparison
from torturefree.screening.features import (
    Effect,
    birth_date_effect,
    country_effect,
    identifier_effect,
)
from torturefree.screening.index import NameIndex
from torturefree.screening.matcher import NameComparison, compare_names
from torturefree.screening.normalize import name_key
from torturefree.screening.query import Query
from torturefree.screening.rules_v4 import gate
from torturefree.screening.screen_v2 import best_hits_lists
from torturefree.screening.targets import Target

# Rounding room when comparing a name score plus feature gains with the threshold.
_MARGIN = 1e-9


@dataclass(frozen=True, slots=True)
class Match:
    """One watchlist entity that scored for a query, with the alias that matched and why."""

    watchlist: str
    entity_id: str
    caption: str
    matched_name: str
    score: float
    explanation: dict[str, Any]
    entity_hash: str
    schema: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "watchlist": self.watchlist,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "matched_name": self.matched_name,
            "score": round(self.score, 4),
            "explanation": self.explanation,
            "schema": self.schema,
            "entity_hash": self.entity_hash,
        }


@dataclass
class Screener:
    """Scores queries against one or more watchlist indexes with one algorithm config."""

    indexes: list[NameIndex]
    config: AlgorithmConfig = field(default_factory=get_config)

    @property
    def algorithm(self) -> str:
        return algorithm_name(self.config)

    def score_all(self, query: Query) -> list[Match]:
        """Every candidate entity's best score, unthresholded, best first."""
        if isinstance(self.config, NameV2Config):
            return self._screen_v2(query, self.config, None, everything=True)
        key = name_key(query.name, query.is_person)
        matches: list[Match] = []
        for index in self.indexes:
            best: dict[int, tuple[float, int, NameComparison]] = {}
            for number in index.candidates(key, self.config.candidates):
                alias = index.aliases[number]
                target = index.targets[alias.target]
                if not query.can_match(target.schema):
                    continue
                abbreviations = query.is_person is not True and target.is_person is not True
                result = compare_names(key, alias.key, index.idf, self.config, abbreviations)
                score = result.score * (self.config.weak_alias_factor if alias.weak else 1.0)
                if alias.target not in best or score > best[alias.target][0]:
                    best[alias.target] = (score, number, result)
            for target_no, (score, number, result) in best.items():
                matches.append(self._finish(query, index, target_no, number, score, result))
        matches.sort(key=lambda m: (-m.score, m.watchlist, m.entity_id))
        return matches

    def screen(self, query: Query, threshold: float | None = None, limit: int = 5) -> list[Match]:
        """Matches at or above each list's threshold, best first, at most limit."""
        if isinstance(self.config, NameV2Config):
            found = self._screen_v2(query, self.config, threshold, everything=False)
        else:
            found = self.score_all(query)
        kept = [m for m in found if m.score >= self.config.threshold_for(m.watchlist, threshold)]
        return kept[:limit]

    def _screen_v2(
        self, query: Query, config: NameV2Config, threshold: float | None, everything: bool
    ) -> list[Match]:
        """name_v2: bulk name scores; features and explanations only for what can be shown."""
        indexes = [index for index in self.indexes if index.targets]
        gain = feature_gain(query, config) + _MARGIN
        floors = [
            (-1.0 if everything else config.threshold_for(i.targets[0].watchlist, threshold)) - gain
            for i in indexes
        ]
        matches: list[Match] = []
        for index, floor, hits in zip(
            indexes, floors, best_hits_lists(query, indexes, config, floors), strict=True
        ):
            table = index.table
            assert table is not None
            for hit in hits:
                # The floor allowed for the most any entity's features could add; this
                # entity's own features decide whether its explanation is worth building.
                effects = self._effects(query, index.targets[hit.target])
                if hit.score + sum(e.delta for e in effects) < floor + gain - 2 * _MARGIN:
                    continue
                result = comparison(hit.bulk, hit.position, hit.query, table)
                score = hit.score
                if isinstance(config, NameV4Config):
                    # name_v4 only lowers scores, so the floor above stays a valid bound.
                    score, result = gate(query.name, result, score, index, config, query.is_person)
                number = int(hit.bulk.numbers[hit.position])
                matches.append(
                    self._finish(query, index, hit.target, number, score, result, effects)
                )
        matches.sort(key=lambda m: (-m.score, m.watchlist, m.entity_id))
        return matches

    def _finish(
        self,
        query: Query,
        index: NameIndex,
        target_no: int,
        number: int,
        score: float,
        result: NameComparison,
        effects: list[Effect] | None = None,
    ) -> Match:
        target = index.targets[target_no]
        alias = index.aliases[number]
        effects = self._effects(query, target) if effects is None else effects
        final = max(0.0, min(1.0, score + sum(e.delta for e in effects)))
        explanation = {
            "algorithm": self.algorithm,
            "matched_alias": alias.name,
            "alias_is_weak": alias.weak,
            "name": result.explain(),
            "name_score": round(score, 4),
            "features": [e.explain() for e in effects],
        }
        return Match(
            watchlist=target.watchlist,
            entity_id=target.entity_id,
            caption=target.caption,
            matched_name=alias.name,
            score=final,
            explanation=explanation,
            entity_hash=target.entity_hash,
            schema=target.schema,
        )

    def _effects(self, query: Query, target: Target) -> list[Effect]:
        found: list[Effect | None] = [
            identifier_effect(query.identifiers, target, self.config),
            country_effect(query.country, target, self.config),
        ]
        if target.is_person is not False and query.is_person is not False:
            found.append(birth_date_effect(query.birth_date, target, self.config))
        return [e for e in found if e is not None]


def feature_gain(query: Query, config: AlgorithmConfig) -> float:
    """The most this query's features can add to a name score: a name scoring below the
    threshold minus this cannot be shown, so name_v2 builds no explanation for it. A query
    without identifiers cannot gain their 0.2, one without birth date or country not theirs."""
    gain = config.identifier_match if query.identifiers else 0.0
    gain += config.birth_date_match if query.birth_date else 0.0
    return gain + (config.country_match if query.country else 0.0)
