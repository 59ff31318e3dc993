"""Secondary features: birth date, country and identifiers raise or lower a name score."""

from __future__ import annotations

from dataclasses import dataclass

from torturefree.screening.algorithm import AlgorithmConfig
from torturefree.screening.targets import Target, clean_identifier


@dataclass(frozen=True, slots=True)
class Effect:
    """One feature's verdict: what was compared and how much it moved the score."""

    feature: str
    query: str
    entity: tuple[str, ...]
    outcome: str
    delta: float

    def explain(self) -> dict[str, object]:
        return {
            "feature": self.feature,
            "query": self.query,
            "entity": list(self.entity),
            "outcome": self.outcome,
            "delta": round(self.delta, 3),
        }


def _dates_agree(a: str, b: str) -> bool:
    """'1965' agrees with '1965-04-29': the less precise date is a prefix of the other."""
    return a.startswith(b) or b.startswith(a)


def _year(value: str) -> int | None:
    head = value[:4]
    return int(head) if head.isdigit() else None


def birth_date_effect(query: str | None, target: Target, config: AlgorithmConfig) -> Effect | None:
    """Same date (at the shared precision) raises; years more than one apart lower."""
    if not query or not target.birth_dates:
        return None
    dates = target.birth_dates
    if any(_dates_agree(query, d) for d in dates):
        return Effect("birth_date", query, dates, "match", config.birth_date_match)
    qy = _year(query)
    years = [y for y in (_year(d) for d in dates) if y is not None]
    if qy is not None and years and all(abs(qy - y) > 1 for y in years):
        return Effect("birth_date", query, dates, "mismatch", -config.birth_date_mismatch)
    return Effect("birth_date", query, dates, "near", 0.0)


def country_effect(query: str | None, target: Target, config: AlgorithmConfig) -> Effect | None:
    """A shared country raises a little; disjoint countries lower a little (people move)."""
    if not query or not target.countries:
        return None
    entity = tuple(sorted(target.countries))
    if query.lower() in target.countries:
        return Effect("country", query, entity, "match", config.country_match)
    return Effect("country", query, entity, "mismatch", -config.country_mismatch)


def identifier_effect(
    query: tuple[str, ...], target: Target, config: AlgorithmConfig
) -> Effect | None:
    """A shared passport, registration or tax number is strong evidence of the same party."""
    if not query or not target.identifiers:
        return None
    shared = {clean_identifier(q) for q in query} & target.identifiers
    if shared:
        return Effect(
            "identifier",
            ", ".join(sorted(shared)),
            tuple(sorted(shared)),
            "match",
            config.identifier_match,
        )
    return None
