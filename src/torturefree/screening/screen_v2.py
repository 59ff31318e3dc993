"""name_v2 over one or more lists: retrieve, score in bulk, keep each entity's best alias.

Explanations and features are built only for the entities that can still reach the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from torturefree.screening.abjad import arabic_words, clean_arabic
from torturefree.screening.algorithm import NameV2Config, NameV3Config
from torturefree.screening.bulk import QueryName, prepare_query
from torturefree.screening.derived import schema_allowed, schema_persons
from torturefree.screening.extras import query_extra_keys
from torturefree.screening.index import NameIndex
from torturefree.screening.normalize import NameKey, name_key
from torturefree.screening.query import Query
from torturefree.screening.respell import without_apostrophes
from torturefree.screening.scoring import BulkScores, Part, score_parts
from torturefree.screening.table import IntArray, candidates_v2


@dataclass(frozen=True, slots=True)
class Hit:
    """The best-scoring alias of one entity for one query; `position` is in `bulk`."""

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
    part = query_part(query, index, config, leave_out)
    if part is None:
        return []
    bulk = score_parts([part], config, [floor])
    return [] if bulk is None else _best_per_target(bulk, part, floor, 0)


def best_hits_lists(
    query: Query, indexes: Sequence[NameIndex], config: NameV2Config, floors: Sequence[float]
) -> list[list[Hit]]:
    """best_hits for each list, the lists' candidates scored together (one pass, same scores)."""
    parts = [query_part(query, index, config) for index in indexes]
    present = [p for p in parts if p is not None]
    if not present:
        return [[] for _ in indexes]
    kept = [f for p, f in zip(parts, floors, strict=True) if p is not None]
    bulk = score_parts(present, config, kept)
    if bulk is None:  # no candidate can reach its list's floor
        return [[] for _ in indexes]
    out: list[list[Hit]] = []
    start = 0
    for part, floor in zip(parts, floors, strict=True):
        if part is None:
            out.append([])
            continue
        out.append(_best_per_target(bulk, part, floor, start))
        start += len(part.numbers)
    return out


def query_part(
    query: Query, index: NameIndex, config: NameV2Config, leave_out: int = -1
) -> Part | None:
    """The query prepared for one list and the candidates it retrieves there (None: none)."""
    table = index.table
    if table is None:
        raise RuntimeError("index built before name_v2: rebuild it")
    v3 = isinstance(config, NameV3Config) and table.extras is not None
    key, arabic, extra = _words(query.name, query.is_person, v3)
    numbers = candidates_v2(table, key.tokens, config.candidates + (leave_out >= 0), extra)
    numbers = numbers[numbers != leave_out]
    if query.schema is not None and len(numbers):
        numbers = numbers[schema_allowed(table, query.schema)[table.alias_schema[numbers]]]
    if not len(numbers):
        return None
    prepared = prepare_query(key, table, index.token_idf, index.default_idf, config, arabic)
    persons = schema_persons(table)
    abbreviations = ~persons[table.alias_schema[numbers]] & (query.is_person is not True)
    return Part(prepared, table, numbers, abbreviations)


@lru_cache(maxsize=20_000)
def _words(
    name: str, is_person: bool | None, v3: bool
) -> tuple[NameKey, frozenset[str], tuple[str, ...]]:
    """The query's key, Arabic-script words and own retrieval keys: the same for every list
    (computed once for the lists screened together)."""
    if not v3:
        return name_key(name, is_person), frozenset(), ()
    # name_v3 reads Arabic script without the letters romanisations drop (abjad.py),
    # and without apostrophes inside words (respell.py).
    key = name_key(without_apostrophes(clean_arabic(name)), is_person)
    arabic = arabic_words(name)
    return key, arabic, tuple(query_extra_keys(key, arabic))


def _best_per_target(bulk: BulkScores, part: Part, floor: float, start: int) -> list[Hit]:
    """Best alias per entity among the part's positions start.. of `bulk`, best first."""
    targets: IntArray = part.table.alias_target[part.numbers]
    scores = bulk.scores[start : start + len(targets)]
    order = np.lexsort((np.arange(len(targets)), -scores))
    seen: set[int] = set()
    hits: list[Hit] = []
    for position in order:
        score = float(scores[position])
        if score < floor:
            break
        target = int(targets[position])
        if target not in seen:
            seen.add(target)
            hits.append(Hit(target, start + int(position), score, bulk, part.query))
    return hits
