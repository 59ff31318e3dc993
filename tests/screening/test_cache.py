"""The in-process index cache: one build per list version, a new version builds anew."""

from __future__ import annotations

import pytest

from torturefree.screening.cache import IndexCache
from torturefree.screening.query import parse_query
from torturefree.screening.service import import_watchlist, screen_queries
from torturefree.screening.store import WatchlistStore

from .conftest import FIXTURES


def names_of(results: list[dict]) -> list[list[str]]:
    return [[m["entity_id"] for m in r["matches"]] for r in results]


def test_two_screenings_of_one_version_build_the_index_once(loaded: WatchlistStore) -> None:
    cache = IndexCache()
    query = [parse_query({"name": "ABDULHAI SALEK", "schema": "Person"})]
    first = screen_queries(loaded, query, ["sdn"], cache=cache)
    second = screen_queries(loaded, query, ["sdn"], cache=cache)
    assert cache.builds == 1
    assert names_of(first) == names_of(second) == [["1003"]]
    assert first[0]["data_versions"] == second[0]["data_versions"]


def test_cached_and_uncached_screenings_agree(loaded: WatchlistStore) -> None:
    cache = IndexCache()
    queries = [parse_query({"name": n}) for n in ("Global Comm Grp", "Ivan Petrov", "KOMID")]
    plain = screen_queries(loaded, queries, threshold=0.0)
    for _ in range(2):
        cached = screen_queries(loaded, queries, threshold=0.0, cache=cache)
        assert [r["matches"] for r in cached] == [r["matches"] for r in plain]
    assert cache.builds == 3  # sdn, un, torture: once each


def test_a_new_version_is_built_and_screened(loaded: WatchlistStore) -> None:
    cache = IndexCache()
    query = [parse_query({"name": "ABDULHAI SALEK", "schema": "Person"})]
    before = screen_queries(loaded, query, ["sdn"], cache=cache)[0]["data_versions"]
    import_watchlist(loaded, "ofac-sdn", "sdn", FIXTURES / "ofac_v2")
    after = screen_queries(loaded, query, ["sdn"], cache=cache)[0]["data_versions"]
    assert cache.builds == 2
    assert before != after and after[0].startswith("sdn@2#")


def test_the_cache_is_bounded_and_retires_old_versions(loaded: WatchlistStore) -> None:
    cache = IndexCache(size=2)
    query = [parse_query({"name": "Ivan Petrov"})]
    screen_queries(loaded, query, ["sdn", "un"], cache=cache)
    screen_queries(loaded, query, ["torture"], cache=cache)
    assert len(cache) == 2 and cache.builds == 3
    screen_queries(loaded, query, ["un"], cache=cache)  # still held: the least recent was sdn
    assert cache.builds == 3
    cache.retire("un", keep=2)
    assert len(cache) == 1
    screen_queries(loaded, query, ["un"], cache=cache)
    assert cache.builds == 4
    with pytest.raises(ValueError):
        IndexCache(size=0)


def test_a_batch_screens_a_repeated_party_once(
    loaded: WatchlistStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from torturefree.screening.screen import Screener

    calls: list[str] = []
    original = Screener.screen

    def counting(self: Screener, query, threshold=None, limit=5):  # type: ignore[no-untyped-def]
        calls.append(query.name)
        return original(self, query, threshold, limit)

    monkeypatch.setattr(Screener, "screen", counting)
    queries = [
        parse_query({"id": "line-1", "name": "Ivan Petrov"}),
        parse_query({"id": "line-2", "name": "Ivan Petrov"}),
        parse_query({"id": "line-3", "name": "Ivan Petrov", "country": "ru"}),
    ]
    results = screen_queries(loaded, queries)
    assert calls == ["Ivan Petrov", "Ivan Petrov"]
    assert [r["id"] for r in results] == ["line-1", "line-2", "line-3"]
    assert results[0]["matches"] == results[1]["matches"]
