"""Arrays name_v2 needs on every query that depend only on the list (and the config's factors).

They used to be recomputed per query from the alias table; now each is computed on first use and
kept in the table's `memo`. Every value is computed by the same expression as before, element by
element, so scores do not move; only the work is no longer repeated.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from torturefree.screening import schemata
from torturefree.screening.algorithm import NameV2Config
from torturefree.screening.table import (
    MEMO_TOKENS,
    AliasTable,
    FloatArray,
    IntArray,
    TokenInfo,
    token_info,
)

BoolArray = npt.NDArray[np.bool_]


def _memo(table: AliasTable) -> dict[Any, Any]:
    # Tables pickled before the memo existed read None from the class default.
    if table.memo is None:
        table.memo = {}
    return table.memo


def alias_weights(table: AliasTable, config: NameV2Config) -> FloatArray:
    """Each alias's token weights: IDF x (weak-token or particle factor), 0 for padding."""
    key = ("weights", config.weak_token_factor, config.particle_factor)
    memo = _memo(table)
    if key not in memo:
        ids = table.token_ids
        factor = np.where(
            table.weak,
            config.weak_token_factor,
            np.where(table.particle, config.particle_factor, 1.0),
        )
        weights = np.where(ids >= 0, table.idf[np.maximum(ids, 0)] * factor, 0.0)
        memo[key] = weights.astype(np.float32)
    found: FloatArray = memo[key]
    return found


def alias_widths(table: AliasTable) -> IntArray:
    """How many tokens each alias has (its row of token ids is padded with -1 after them)."""
    memo = _memo(table)
    if "widths" not in memo:
        memo["widths"] = (table.token_ids >= 0).sum(axis=1)
    found: IntArray = memo["widths"]
    return found


def joined_lengths(table: AliasTable) -> IntArray:
    """Length of each alias's tokens written together (what the spacing-blind check compares)."""
    memo = _memo(table)
    if "joined_lengths" not in memo:
        memo["joined_lengths"] = np.array([len(j) for j in table.joined], dtype=np.int32)
    found: IntArray = memo["joined_lengths"]
    return found


def query_token_info(table: AliasTable, token: str) -> TokenInfo:
    """A query token's keys against this list's codes, remembered per list (bounded)."""
    known: dict[str, TokenInfo] = _memo(table).setdefault("token_info", {})
    found = known.get(token)
    if found is None:
        if len(known) >= MEMO_TOKENS:
            known.clear()  # a crude bound: query tokens are unbounded over a process's life
        found = known[token] = token_info(token, table.phonetic_codes, table.skeleton_codes)
    return found


def schema_allowed(table: AliasTable, schema: str) -> BoolArray:
    """Per schema of the list: may a query of `schema` match it (FtM's can_match)."""
    key = ("allowed", schema)
    memo = _memo(table)
    if key not in memo:
        memo[key] = np.array([_can_match(schema, s) for s in table.schemas], dtype=np.bool_)
    found: BoolArray = memo[key]
    return found


def schema_persons(table: AliasTable) -> BoolArray:
    """Per schema of the list: is it a person (abbreviations never apply to persons)."""
    memo = _memo(table)
    if "persons" not in memo:
        memo["persons"] = np.array([_is_person(s) for s in table.schemas], dtype=np.bool_)
    found: BoolArray = memo["persons"]
    return found


@lru_cache(maxsize=256)
def _can_match(mine: str, theirs: str) -> bool:
    return schemata.can_match(mine, theirs)


@lru_cache(maxsize=256)
def _is_person(schema: str) -> bool:
    return schemata.is_person(schema) is True
