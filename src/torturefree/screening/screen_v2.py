"""name_v2 over one list: retrieve, score in bulk, keep each entity's best alias.

Explanations and features are built only for the entities that can still reach the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from torturefree.screening.algorithm import NameV2Config
from torturefree.screening.bulk import BulkScores, QueryName, prepare_query, score_bulk
from torturefree.screening.derived import schema_allowed, schema_persons
from torturefree.screening.index import NameIndex
from torturefree.screening.normalize import name_key
from torturefree.screening.query import Query
from torturefree.screening.table import candidates_v2


@dataclass(frozen=True, slots=True)
class Hit:
    """The best-scoring alias of one entity for one query."""

    target: int
    position: int
    score: float
    bulk: BulkScores
    query: QueryName


def best_hits(
    query: Query, index: NameIndex, config: NameV2Config, floor: float, leave_out: int = -1
) -> list[Hit]:
    """Each candidate entity's best alias scoring at least `floor`, best first.

    `leave_out` is an alias number treated as absent (leave-one-alias-out evaluation).
    """
    table = index.table
    if table is None:
        raise RuntimeError("index built before name_v2: rebuild it")
    key = name_key(query.name, query.is_person)
    numbers = candidates_v2(table, key.tokens, config.candidates + (leave_out >= 0))
    numbers = numbers[numbers != leave_out]
    if query.schema is not None and len(numbers):
        numbers = numbers[schema_allowed(table, query.schema)[table.alias_schema[numbers]]]
    if not len(numbers):
        return []
    prepared = prepare_query(key, table, index.token_idf, index.default_idf, config)
    persons = schema_persons(table)
    abbreviations = ~persons[table.alias_schema[numbers]] & (query.is_person is not True)
    bulk = score_bulk(prepared, table, numbers, config, abbreviations)
    return _best_per_target(bulk, prepared, table.alias_target[numbers], floor)


def _best_per_target(
    bulk: BulkScores, prepared: QueryName, targets: np.ndarray, floor: float
) -> list[Hit]:
    order = np.lexsort((np.arange(len(targets)), -bulk.scores))
    seen: set[int] = set()
    hits: list[Hit] = []
    for position in order:
        score = float(bulk.scores[position])
        if score < floor:
            break
        target = int(targets[position])
        if target not in seen:
            seen.add(target)
            hits.append(Hit(target, int(position), score, bulk, prepared))
    return hits
