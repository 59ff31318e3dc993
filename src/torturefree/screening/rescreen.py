"""Re-screening: stored subjects against a new list version; only new, changed and dropped hits."""

from __future__ import annotations

import json
from typing import Any

from torturefree.screening.dispositions import latest_dispositions, subject_key, suppresses
from torturefree.screening.query import Query, parse_query
from torturefree.screening.service import load_screener, match_keys
from torturefree.screening.store import WatchlistStore, now

SCORE_CHANGE = 0.01


def store_subjects(store: WatchlistStore, queries: list[Query]) -> list[str]:
    """Remember parties (applicants, licence holders) so list changes can be checked against them."""
    keys = [subject_key(q) for q in queries]
    with store.connect() as db:
        db.executemany(
            "INSERT OR REPLACE INTO subjects VALUES (?, ?, ?)",
            [
                (k, json.dumps(q.to_dict(), ensure_ascii=False), now())
                for k, q in zip(keys, queries, strict=True)
            ],
        )
    return keys


def stored_subjects(store: WatchlistStore) -> list[Query]:
    with store.connect() as db:
        rows = db.execute("SELECT query FROM subjects ORDER BY subject_key").fetchall()
    return [parse_query(json.loads(row[0])) for row in rows]


def rescreen(
    store: WatchlistStore,
    name: str,
    old: int | None = None,
    new: int | None = None,
    threshold: float | None = None,
) -> dict[str, Any]:
    """Compare every stored subject's hits on two versions (default: the last two)."""
    latest = store.latest(name).version
    new = new if new is not None else latest
    old = old if old is not None else new - 1
    subjects = stored_subjects(store)
    results: list[dict[str, Any]] = []
    if old >= 1:
        before, old_info = load_screener(store, [name], {name: old})
    after, new_info = load_screener(store, [name], {name: new})
    for query in subjects:
        then = match_keys(before.screen(query, threshold, 50)) if old >= 1 else {}
        current = match_keys(after.screen(query, threshold, 50))
        decided = latest_dispositions(store, subject_key(query))
        change = _changes(then, current)
        for kind, matches in change.items():
            change[kind] = [
                m
                for m in matches
                if not (
                    kind != "dropped"
                    and suppresses(decided.get((m["watchlist"], m["entity_id"])), m["entity_hash"])
                )
            ]
        if any(change.values()):
            results.append({"id": query.id, "query": query.to_dict(), **change})
    return {
        "watchlist": name,
        "from": old_info[0].data_version if old >= 1 else None,
        "to": new_info[0].data_version,
        "subjects": len(subjects),
        "results": results,
    }


def _changes(
    then: dict[tuple[str, str], Any], current: dict[tuple[str, str], Any]
) -> dict[str, list[dict[str, Any]]]:
    new = [current[k].to_dict() for k in current if k not in then]
    dropped = [then[k].to_dict() for k in then if k not in current]
    changed = []
    for key in set(then) & set(current):
        a, b = then[key], current[key]
        if a.entity_hash != b.entity_hash or abs(a.score - b.score) >= SCORE_CHANGE:
            changed.append({**b.to_dict(), "previous_score": round(a.score, 4)})
    return {"new": new, "changed": sorted(changed, key=lambda m: -m["score"]), "dropped": dropped}
