"""What the screening benchmark's sections share: lists, queries, and logic-v2 on our candidates.

logic-v2 (nomenklatura) has no index of its own here: it scores the entities whose aliases
name_v3's index retrieves for the query (60 per list), the same candidates ours see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from followthemoney import model
from nomenklatura.matching import LogicV2
from nomenklatura.matching.types import ScoringConfig

from torturefree.screening.algorithm import NameV2Config, NameV4Config, get_config
from torturefree.screening.explain_v2 import comparison
from torturefree.screening.features import birth_date_effect, country_effect
from torturefree.screening.formats import read_watchlist
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.query import Query, parse_query
from torturefree.screening.rules_v4 import gate
from torturefree.screening.screen_v2 import best_hits, query_part
from torturefree.screening.service import active_targets

LOGIC = ScoringConfig.defaults()


def load(fmt: str, path: Path, name: str) -> tuple[NameIndex, dict[str, Any]]:
    entities = read_watchlist(fmt, path)
    return build_index(active_targets(name, entities)), {e["id"]: e for e in entities}


def to_query(row: dict[str, str]) -> Query:
    """A dev-set row as a query: name, person, birth date and nationality where given."""
    return parse_query(
        {
            "name": row["full_name"],
            "schema": "Person",
            "birth_date": row["date_of_birth"] or None,
            "country": row["nationality"] if len(row["nationality"]) == 2 else None,
        }
    )


def query_proxy(query: Query) -> Any:
    props: dict[str, list[str]] = {"name": [query.name]}
    if query.birth_date:
        props["birthDate"] = [query.birth_date]
    if query.country:
        props["country"] = [query.country]
    # Distinct ids: logic-v2 caches per entity id.
    ident = f"q-{abs(hash((query.name, query.birth_date, query.country)))}"
    return model.get_proxy(
        {"id": ident, "schema": query.schema or "LegalEntity", "properties": props}
    )


def candidate_targets(index: NameIndex, query: Query, leave_out: int = -1) -> set[int]:
    """Entities whose aliases name_v3 retrieves (schema-compatible), the left-out alias skipped."""
    config = get_config("name_v3")
    assert isinstance(config, NameV2Config) and index.table is not None
    part = query_part(query, index, config, leave_out)
    if part is None:
        return set()
    return {int(t) for t in index.table.alias_target[part.numbers]}


def logic_hits(
    index: NameIndex,
    raw: dict[str, Any],
    query: Query,
    threshold: float,
    leave_out: int = -1,
) -> set[str]:
    """logic-v2's alerts among our candidates; a left-out alias is removed from its entity."""
    proxy = query_proxy(query)
    left_out = index.aliases[leave_out] if leave_out >= 0 else None
    hits = set()
    for number in candidate_targets(index, query, leave_out):
        target = index.targets[number]
        other = model.get_proxy(raw[target.entity_id])
        if left_out is not None and number == left_out.target:
            for prop in ("name", "alias", "weakAlias", "previousName"):
                values = [v for v in other.get(prop) if v != left_out.name]
                other.set(prop, values) if values else other.pop(prop)
        if LogicV2.compare(proxy, other, LOGIC).score >= threshold:
            hits.add(target.entity_id)
    return hits


def our_hits(
    index: NameIndex, query: Query, algorithm: str, threshold: float, leave_out: int = -1
) -> set[str]:
    """Entities at or above the threshold: name score plus country and birth-date effects."""
    # Features add at most 0.13 (name_v3: birth date 0.1, country 0.03): a floor 0.2 lower
    # loses nothing.
    scores = best_scores(index, query, algorithm, threshold - 0.2, leave_out)
    return {entity for entity, score in scores.items() if score >= threshold}


def best_scores(
    index: NameIndex, query: Query, algorithm: str, floor: float, leave_out: int = -1
) -> dict[str, float]:
    """Each entity's score (name score at least `floor`, plus country and birth-date effects)."""
    config = get_config(algorithm)
    assert isinstance(config, NameV2Config)
    found = {}
    for hit in best_hits(query, index, config, floor, leave_out):
        target = index.targets[hit.target]
        score = hit.score
        if isinstance(config, NameV4Config):
            assert index.table is not None
            result = comparison(hit.bulk, hit.position, hit.query, index.table)
            score, _ = gate(query.name, result, score, index, config, query.is_person)
        effects = [country_effect(query.country, target, config)]
        if target.is_person is not False and query.is_person is not False:
            effects.append(birth_date_effect(query.birth_date, target, config))
        found[target.entity_id] = score + sum(e.delta for e in effects if e is not None)
    return found
