"""The lists' columns gathered at once (gather.py) are those of each list gathered alone.

gather.merged_columns replaced list_columns plus a join per query to save NumPy calls; a column
property that moved would move token similarities and so scores. These compare every field with
the one-list gathering (bulk.list_columns), and the scores of lists screened together with those
of each list alone, on Latin, Arabic-script, Cyrillic and Chinese names and organisations.
"""

from __future__ import annotations

import numpy as np
import pytest

from torturefree.screening.algorithm import NameV2Config, get_config
from torturefree.screening.bulk import Columns, list_columns
from torturefree.screening.gather import merged_columns
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.query import parse_query
from torturefree.screening.scoring import Part, _side
from torturefree.screening.screen_v2 import best_hits, best_hits_lists, query_part

from .conftest import listed

NAMES = {
    "1": (["PUANGPETCH, Suwit", "Сувит Пуангпеч"], "Person"),
    "2": (["ABDUL HAI SALEK", "عبد الحي سالك"], "Person"),
    "3": (["AL-QATTAN, Wassim Anwar", "عبد القدير بصير"], "Person"),
    "4": (["Global Communications Group Ltd"], "Company"),
    "5": (["KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"], "Organization"),
    "6": (["Ivan Petrov", "Иван Петров"], "Person"),
    "7": (["WANG Wei", "王伟"], "Person"),
    "8": (["Intercontinental Baumaschinen GmbH"], "Company"),
}
QUERIES = [
    "Suwit Phuangphet",
    "Сувит Пуангпеч",
    "ABDULHAI SALEK",
    "عبد القدير بصير",
    "Wassim al Qattan",
    "Global Comm Grp",
    "Korea Mining Dev Trading Corp",
    "Иван Петров",
    "王伟",
    "Wang Wei Ivan Petrov",
    "Intercontinental Baumaschinen",
    "John Smith",
]
ALGORITHMS = ("name_v2", "name_v3", "name_v5")


@pytest.fixture(scope="module")
def lists() -> list[NameIndex]:
    items = list(NAMES.items())
    return [
        build_index([listed(k, names, schema) for k, (names, schema) in items[::2]]),
        build_index([listed(k, names, schema) for k, (names, schema) in items[1::2]]),
    ]


def _all(columns: Columns) -> np.ndarray:
    return np.arange(len(columns.tokens))


def _alone(parts: list[Part], config: NameV2Config) -> list[Columns]:
    return [
        list_columns(p.query, p.table, _side(p, config).cols, bool(p.abbreviations.any()))
        for p in parts
    ]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("name", QUERIES)
def test_merged_columns_are_each_lists_columns(
    lists: list[NameIndex], algorithm: str, name: str
) -> None:
    config = get_config(algorithm)
    assert isinstance(config, NameV2Config)
    parts = [p for p in (query_part(parse_query({"name": name}), i, config) for i in lists) if p]
    if not parts:
        pytest.skip("no candidate in either list")
    for chosen in ([parts[0]], parts):
        alone = _alone(chosen, config)
        merged = merged_columns(
            [p.query for p in chosen],
            [p.table for p in chosen],
            [_side(p, config).cols for p in chosen],
            [bool(p.abbreviations.any()) for p in chosen],
        )
        assert merged.tokens == [t for c in alone for t in c.tokens]
        assert merged.folded == [t for c in alone for t in c.folded]
        for field in ("first", "length", "numeric", "phonetic", "skeleton", "abbreviations"):
            expected = np.concatenate([getattr(c, field) for c in alone])
            assert getattr(merged, field).dtype == expected.dtype
            assert np.array_equal(getattr(merged, field), expected), field
        for field in ("query_phonetic", "query_skeleton"):
            expected = np.concatenate([getattr(c, field) for c in alone], axis=1)
            assert np.array_equal(getattr(merged, field), expected), field
        if any(c.v3 is None for c in alone):
            assert merged.v3 is None
            continue
        assert merged.v3 is not None
        for field in ("arabic", "particle", "vowelless", "article"):
            expected = np.concatenate([getattr(c.v3, field) for c in alone])
            assert getattr(merged.v3, field).dtype == expected.dtype
            assert np.array_equal(getattr(merged.v3, field), expected), field
        expected = np.concatenate([c.v3.query_article for c in alone], axis=1)
        assert np.array_equal(merged.v3.query_article, expected)
        every = np.arange(len(merged.tokens))
        keys = [k for c in alone if c.v3 is not None for k in c.v3.keys_at(_all(c))]
        assert merged.v3.keys_at(every) == keys


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_lists_together_score_as_each_alone(lists: list[NameIndex], algorithm: str) -> None:
    config = get_config(algorithm)
    for name in QUERIES:
        query = parse_query({"name": name})
        together = best_hits_lists(query, lists, config, [0.0, 0.0])
        for index, hits in zip(lists, together, strict=True):
            alone = best_hits(query, index, config, 0.0)
            assert [(h.target, h.score) for h in hits] == [(h.target, h.score) for h in alone]
