"""What the CLI and the Django service call: import, list, screen, dispose, re-screen."""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from torturefree.screening import schemata
from torturefree.screening.algorithm import DEFAULT_ALGORITHM, get_config
from torturefree.screening.cache import IndexCache, process_cache
from torturefree.screening.countries import country_listings
from torturefree.screening.dispositions import (
    disposed_subjects,
    latest_dispositions,
    subject_key,
    suppresses,
)
from torturefree.screening.formats import read_watchlist
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.query import Query
from torturefree.screening.screen import Match, Screener
from torturefree.screening.store import VersionInfo, WatchlistStore, now
from torturefree.screening.targets import Target, target_from_entity

# 2: indexes carry the name_v2 alias table; 3: with name_v3's extras; 4: postings and aliases
# packed (packed.py); 5: with FtM's schema answers (schemata.py).
INDEX_FORMAT = 5


def import_watchlist(store: WatchlistStore, fmt: str, name: str, path: Path) -> dict[str, Any]:
    """Read, validate and store; a bad file raises before anything is written."""
    entities = read_watchlist(fmt, path)
    info, diff, created = store.import_entities(name, fmt, str(path), entities)
    if created:
        # Older versions stay valid (keys carry the content hash) but are unlikely to be asked for.
        process_cache().retire(name, keep=info.version)
    return {"watchlist": info.to_dict(), "created": created, "diff": diff.to_dict()}


def list_watchlists(store: WatchlistStore) -> list[dict[str, Any]]:
    latest: dict[str, VersionInfo] = {}
    for info in store.versions():
        latest[info.name] = info
    thresholds = store.thresholds()
    return [
        {
            **info.to_dict(),
            "versions": info.version,
            "threshold": thresholds.get(info.name, get_config().threshold),
        }
        for info in latest.values()
    ]


def active_targets(name: str, entities: list[dict[str, Any]]) -> list[Target]:
    """Matchable entities, minus those whose every listing is delisted (history stays stored)."""
    delisted: dict[str, bool] = {}
    for entity in entities:
        if entity["schema"] == "Sanction":
            props = entity.get("properties", {})
            ended = "delisted" in props.get("status", [])
            for subject in props.get("entity", []):
                delisted[subject] = delisted.get(subject, True) and ended
    return [
        target_from_entity(name, e)
        for e in entities
        if schemata.matchable(e["schema"]) and not delisted.get(e["id"], False)
    ]


def load_index(store: WatchlistStore, info: VersionInfo) -> NameIndex:
    """The index of one version, from its cache file when present (written atomically)."""
    cache = (
        store.folder
        / "cache"
        / f"{info.name}-{info.version}-{info.content_hash[:16]}-{DEFAULT_ALGORITHM}-{INDEX_FORMAT}.pickle"
    )
    if cache.exists():
        with cache.open("rb") as handle:
            index: NameIndex = pickle.load(handle)
            schemata.learn(index.schemata)
            return index
    index = build_index(active_targets(info.name, store.entities(info.name, info.version)))
    cache.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, cache)
    return index


def load_screener(
    store: WatchlistStore,
    names: list[str] | None = None,
    versions: dict[str, int] | None = None,
    algorithm: str | None = None,
    cache: IndexCache | None = None,
) -> tuple[Screener, list[VersionInfo]]:
    """A screener over the named lists (default: all), at their latest or given versions.

    With `cache`, each version's index is read once per cache (a long-running process keeps one,
    see `cache.process_cache`); without, from its cache file every time.
    """
    wanted = names or sorted({v.name for v in store.versions()})
    infos = [store.get_version(n, (versions or {}).get(n)) for n in wanted]
    base = get_config(algorithm or DEFAULT_ALGORITHM)
    config = replace(base, list_thresholds=store.thresholds())
    if cache is None:
        return Screener([load_index(store, i) for i in infos], config), infos
    indexes = [cache.get(i, INDEX_FORMAT, partial(load_index, store, i)) for i in infos]
    return Screener(indexes, config), infos


def screen_queries(
    store: WatchlistStore,
    queries: list[Query],
    names: list[str] | None = None,
    threshold: float | None = None,
    limit: int = 5,
    algorithm: str | None = None,
    cache: IndexCache | None = None,
) -> list[dict[str, Any]]:
    """Screen each query; apply dispositions; record data and algorithm versions."""
    screener, infos = load_screener(store, names, algorithm=algorithm, cache=cache)
    data_versions = [i.data_version for i in infos]
    seen: dict[tuple[Query, int], list[Match]] = {}
    listed = country_listings(store, infos)
    context = _Batch(disposed_subjects(store), screener.config.to_dict())
    results = [
        _result(store, screener, q, threshold, limit, data_versions, seen, context) for q in queries
    ]
    for query, result in zip(queries, results, strict=True):
        result["country_listings"] = listed.get(query.country or "", []) if query.country else []
    return results


@dataclass(frozen=True, slots=True)
class _Batch:
    """What every result of one batch shares, read once per batch."""

    disposed: frozenset[str]
    config: dict[str, Any]


def _result(
    store: WatchlistStore,
    screener: Screener,
    query: Query,
    threshold: float | None,
    limit: int,
    data_versions: list[str],
    seen: dict[tuple[Query, int], list[Match]],
    context: _Batch,
) -> dict[str, Any]:
    key = subject_key(query)
    decided = latest_dispositions(store, key) if key in context.disposed else {}
    shown: list[dict[str, Any]] = []
    hidden: list[dict[str, Any]] = []
    # A batch names the same party more than once (one exporter, many lines): matches depend on
    # everything in the query but its id, so each distinct one is screened once.
    wanted = (replace(query, id=None), limit + len(decided))
    if wanted not in seen:
        seen[wanted] = screener.screen(query, threshold, wanted[1])
    for match in seen[wanted]:
        disposition = decided.get((match.watchlist, match.entity_id))
        out = match.to_dict()
        if disposition is not None:
            out["disposition"] = {
                **disposition.to_dict(),
                "entity_changed": disposition.entity_hash != match.entity_hash,
            }
        (hidden if suppresses(disposition, match.entity_hash) else shown).append(out)
    return {
        "id": query.id,
        "status": "screened",
        "query": query.to_dict(),
        "subject_key": key,
        "matches": shown[:limit],
        "suppressed": hidden,
        "algorithm": screener.algorithm,
        "algorithm_config": context.config,
        "data_versions": data_versions,
        "screened_at": now(),
    }


def match_keys(matches: list[Match]) -> dict[tuple[str, str], Match]:
    return {(m.watchlist, m.entity_id): m for m in matches}
