"""Screening benchmark: ours (name_v1, name_v2) and nomenklatura logic-v2, same data, one run.

    .venv/bin/python benchmarks/screening.py [--shared PATH] [--threshold 0.7] [--loao 1000]

Needs the `bench` extra (nomenklatura). Prints (1) dev-set recall and false alerts, (2) SDN 2021
leave-one-alias-out recall and alerts, (3) pair comparisons per second and query latency, (4) one
stored screening with the index read from its cache file and from the in-process cache.
logic-v2 scores the candidates name_v1's index retrieves (it has no index of its own here).
Leave-one-alias-out samples entities (one alias each), see docs/screening.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from followthemoney import model
from nomenklatura.matching import LogicV2
from nomenklatura.matching.types import ScoringConfig

from torturefree.screening.algorithm import NameV1Config, NameV2Config, get_config
from torturefree.screening.bulk import prepare_query
from torturefree.screening.cache import IndexCache
from torturefree.screening.formats import read_watchlist
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.matcher import compare_names
from torturefree.screening.normalize import name_key
from torturefree.screening.query import Query, parse_query
from torturefree.screening.scoring import score_bulk
from torturefree.screening.screen import Screener
from torturefree.screening.screen_v2 import best_hits
from torturefree.screening.service import active_targets, import_watchlist, screen_queries
from torturefree.screening.store import WatchlistStore
from torturefree.screening.table import candidates_v2

LOGIC = ScoringConfig.defaults()


def load(fmt: str, path: Path, name: str) -> tuple[NameIndex, dict[str, Any]]:
    entities = read_watchlist(fmt, path)
    return build_index(active_targets(name, entities)), {e["id"]: e for e in entities}


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


def logic_hits(screener: Screener, query: Query, raw: dict[str, Any], threshold: float) -> set[str]:
    """logic-v2 over the candidates our index retrieves."""
    index = screener.indexes[0]
    key = name_key(query.name, query.is_person)
    seen = {index.aliases[n].target for n in index.candidates(key, 40)}
    proxy = query_proxy(query)
    hits = set()
    for target_no in seen:
        target = index.targets[target_no]
        if not query.can_match(target.schema):
            continue
        other = model.get_proxy(raw[target.entity_id])
        if LogicV2.compare(proxy, other, LOGIC).score >= threshold:
            hits.add(target.entity_id)
    return hits


def dev_set(shared: Path, threshold: float) -> None:
    index, raw = load("un-xml", shared / "watchlists/un_consolidated_2026-02-27.xml", "un")
    screeners = {
        "ours v1": Screener([index], get_config("name_v1")),
        "ours v2": Screener([index], get_config("name_v2")),
    }
    v1 = screeners["ours v1"]
    by_name: dict[str, set[str]] = {}
    for target in index.targets:
        for name, _ in target.names:
            by_name.setdefault(name.casefold(), set()).add(target.entity_id)
    dev = shared / "screening-dev"
    plain = list(csv.DictReader((dev / "cgb_positives_un_untreated.csv").open()))
    for label, file in (
        ("clean", "cgb_positives_un_untreated.csv"),
        ("perturbed", "cgb_positives_un_treated.csv"),
    ):
        found = dict.fromkeys([*screeners, "logic-v2"], 0)
        total = 0
        for row, truth_row in zip(csv.DictReader((dev / file).open()), plain, strict=True):
            truth = by_name.get(truth_row["full_name"].casefold())
            if not truth:
                continue
            total += 1
            query = to_query(row)
            for name, screener in screeners.items():
                found[name] += any(
                    m.entity_id in truth for m in screener.screen(query, threshold, 10)
                )
            found["logic-v2"] += bool(truth & logic_hits(v1, query, raw, threshold))
        row_text = "   ".join(f"{m} {c / total:.4f}" for m, c in found.items())
        print(f"dev {label:9} recall            {row_text}   (n={total})")
    negatives = [
        to_query(r) for r in csv.DictReader((dev / "validation_negatives_global_1k.csv").open())
    ]
    alerts = {
        m: sum(bool(s.screen(q, threshold, 1)) for q in negatives) for m, s in screeners.items()
    }
    alerts["logic-v2"] = sum(bool(logic_hits(v1, q, raw, threshold)) for q in negatives)
    row_text = "   ".join(f"{m} {c / len(negatives):.4f}" for m, c in alerts.items())
    print(f"dev negatives false-alert rate   {row_text}   (n={len(negatives)})")


def to_query(row: dict[str, str]) -> Query:
    return parse_query(
        {
            "name": row["full_name"],
            "schema": "Person",
            "birth_date": row["date_of_birth"] or None,
            "country": row["nationality"] if len(row["nationality"]) == 2 else None,
        }
    )


def loao_sample(index: NameIndex, count: int) -> list[int]:
    """One random alias of each of `count` random entities that have two names or more."""
    by_target: dict[int, list[int]] = {}
    for number, alias in enumerate(index.aliases):
        if len(alias.key.tokens) <= 15:
            by_target.setdefault(alias.target, []).append(number)
    entities = sorted(t for t, numbers in by_target.items() if len(index.targets[t].names) > 1)
    rng = random.Random(0)
    picked = rng.sample(entities, min(count, len(entities)))
    return [rng.choice(by_target[t]) for t in picked]


def leave_one_alias_out(shared: Path, threshold: float, count: int) -> None:
    """Each sampled alias is left out of the index and screened; its entity should come back.

    An alert is the query returning another entity at/above threshold. Alerts on an entity that
    itself carries the very same name (same tokens: SDN lists some names on several entities) are
    counted apart: any name matcher must raise those.
    """
    index, raw = load("ofac-sdn", shared / "watchlists/ofac_sdn_2021", "sdn")
    v1, v2 = get_config("name_v1"), get_config("name_v2")
    assert isinstance(v2, NameV2Config) and isinstance(v1, NameV1Config)
    same_name: dict[tuple[str, ...], set[str]] = {}
    for alias in index.aliases:
        same_name.setdefault(tuple(sorted(alias.key.tokens)), set()).add(
            index.targets[alias.target].entity_id
        )
    picked = loao_sample(index, count)
    tally = {m: [0, 0, 0] for m in ("ours v1", "ours v2", "logic-v2")}
    for number in picked:
        alias = index.aliases[number]
        target = index.targets[alias.target]
        query = parse_query({"name": alias.name, "schema": _query_schema(target.schema)})
        found = {
            "ours v1": _v1_loao(index, query, number, v1, threshold),
            "ours v2": {
                index.targets[h.target].entity_id
                for h in best_hits(query, index, v2, threshold, leave_out=number)
            },
            "logic-v2": _logic_loao(index, raw, query, number, threshold),
        }
        twins = same_name[tuple(sorted(alias.key.tokens))] - {target.entity_id}
        for matcher, hits in found.items():
            tally[matcher][0] += target.entity_id in hits
            tally[matcher][1] += bool(hits - {target.entity_id} - twins)
            tally[matcher][2] += bool(hits - {target.entity_id})
    n = len(picked)
    for label, column in (
        ("recall", 0),
        ("alerts on another entity", 1),
        ("  incl. same-name entities", 2),
    ):
        row = "   ".join(f"{m} {t[column] / n:.4f}" for m, t in tally.items())
        print(f"SDN leave-one-alias-out {label:28} {row}   (n={n})")


def _v1_loao(
    index: NameIndex, query: Query, number: int, config: NameV1Config, threshold: float
) -> set[str]:
    """name_v1 as its screener scores (weak aliases discounted), the left-out alias skipped."""
    alias = index.aliases[number]
    best: dict[int, float] = {}
    for n in index.candidates(alias.key, config.candidates):
        other = index.aliases[n]
        if n == number or not query.can_match(index.targets[other.target].schema):
            continue
        abbreviations = (
            query.is_person is not True and index.targets[other.target].is_person is not True
        )
        score = compare_names(alias.key, other.key, index.idf, config, abbreviations).score
        score *= config.weak_alias_factor if other.weak else 1.0
        best[other.target] = max(best.get(other.target, 0.0), score)
    return {index.targets[t].entity_id for t, s in best.items() if s >= threshold}


def _query_schema(schema: str) -> str | None:
    return (
        schema if schema in ("Person", "Organization", "Company", "Vessel", "LegalEntity") else None
    )


def _logic_loao(
    index: NameIndex, raw: dict[str, Any], query: Query, number: int, threshold: float
) -> set[str]:
    left_out = index.aliases[number]
    proxy = query_proxy(query)
    hits = set()
    targets = {index.aliases[n].target for n in index.candidates(left_out.key, 40) if n != number}
    for target_no in targets:
        target = index.targets[target_no]
        if not query.can_match(target.schema):
            continue
        other = model.get_proxy(raw[target.entity_id])
        if target_no == left_out.target:
            for prop in ("name", "alias", "weakAlias", "previousName"):
                values = [v for v in other.get(prop) if v != left_out.name]
                other.set(prop, values) if values else other.pop(prop)
        if LogicV2.compare(proxy, other, LOGIC).score >= threshold:
            hits.add(target.entity_id)
    return hits


def speed(shared: Path) -> None:
    """Pairs judged per second: every matcher scores the same (query, alias) pairs in full."""
    sdn, _ = load("ofac-sdn", shared / "watchlists/ofac_sdn_2021", "sdn")
    un, _ = load("un-xml", shared / "watchlists/un_consolidated_2026-02-27.xml", "un")
    v1, v2 = get_config("name_v1"), get_config("name_v2")
    assert isinstance(v2, NameV2Config) and isinstance(v1, NameV1Config) and sdn.table
    dev = shared / "screening-dev"
    queries = [
        to_query(r) for r in csv.DictReader((dev / "validation_negatives_global_1k.csv").open())
    ]
    queries += [to_query(r) for r in csv.DictReader((dev / "cgb_positives_un_treated.csv").open())]
    work = []
    for query in queries[:500]:
        key = name_key(query.name, query.is_person)
        work.append((key, candidates_v2(sdn.table, key.tokens, v2.candidates)))
    pairs = [(key, sdn.aliases[n].key) for key, numbers in work for n in numbers]
    rates = {
        "ours v1": _rate(
            lambda: [compare_names(a, b, sdn.idf, v1, False) for a, b in pairs], len(pairs)
        )
    }
    everyone = [np.zeros(len(n), dtype=np.bool_) for _, n in work]
    prepared = [prepare_query(k, sdn.table, sdn.token_idf, sdn.default_idf, v2) for k, _ in work]

    def bulk() -> None:
        for query, (_, numbers), flags in zip(prepared, work, everyone, strict=True):
            score_bulk(query, sdn.table, numbers, v2, flags)  # type: ignore[arg-type]

    rates["ours v2"] = _rate(bulk, len(pairs))
    proxies = [
        (
            query_proxy(parse_query({"name": a.original})),
            model.get_proxy(
                {"id": f"r{i}", "schema": "LegalEntity", "properties": {"name": [b.original]}}
            ),
        )
        for i, (a, b) in enumerate(pairs[:3000])
    ]
    rates["logic-v2"] = _rate(
        lambda: [LogicV2.compare(a, b, LOGIC) for a, b in proxies], len(proxies)
    )
    row = "   ".join(f"{m} {r:,.0f}" for m, r in rates.items())
    print(
        f"pair comparisons/s/core          {row}   (v2/logic-v2 {rates['ours v2'] / rates['logic-v2']:.0f}x)"
    )
    for label, config in (("ours v1", v1), ("ours v2", v2)):
        screener = Screener([sdn, un], config)
        for query in queries[:100]:  # warm caches as a running service has them
            screener.screen(query, None, 5)
        latencies = []
        for query in queries:
            start = time.perf_counter()
            screener.screen(query, None, 5)
            latencies.append((time.perf_counter() - start) * 1000)
        p99 = statistics.quantiles(latencies, n=100)[98]
        print(
            f"query latency vs SDN+UN ({len(sdn.aliases) + len(un.aliases)} names) {label}   "
            f"p50 {statistics.median(latencies):.2f} ms   p99 {p99:.2f} ms   (n={len(latencies)})"
        )


def submit_cache(shared: Path) -> None:
    """One party screened against a stored UN list, as a submit does: index from its cache file
    every time (before) and from the in-process cache (after); medians of five."""
    with tempfile.TemporaryDirectory() as home:
        store = WatchlistStore(Path(home))
        import_watchlist(
            store, "un-xml", "un", shared / "watchlists/un_consolidated_2026-02-27.xml"
        )
        query = [parse_query({"name": "ABDULHAI SALEK", "schema": "Person"})]
        screen_queries(store, query)  # writes the index cache file
        cache = IndexCache()
        timings: dict[str, list[float]] = {"index file": [], "process cache": []}
        for _ in range(5):
            for label, use in (("index file", None), ("process cache", cache)):
                start = time.perf_counter()
                screen_queries(store, query, cache=use)
                timings[label].append((time.perf_counter() - start) * 1000)
        row = "   ".join(f"{k} {statistics.median(v):.1f} ms" for k, v in timings.items())
        print(f"screen_queries, 1 party vs UN     {row}   (builds {cache.builds})")


def _rate(run: Any, count: int) -> float:
    """Pairs per second of the faster of two timed runs after one warm-up run."""
    run()
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return count / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = Path(
        os.environ.get(
            "TORTUREFREE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared/data"
        )
    )
    parser.add_argument("--shared", type=Path, default=default)
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--loao", type=int, default=1000)
    args = parser.parse_args()
    print(
        f"threshold {args.threshold}; ours = torturefree name_v1 and name_v2; "
        "baseline = nomenklatura logic-v2 (on name_v1's 40 candidates per query)"
    )
    dev_set(args.shared, args.threshold)
    leave_one_alias_out(args.shared, args.threshold, args.loao)
    speed(args.shared)
    submit_cache(args.shared)


if __name__ == "__main__":
    main()
