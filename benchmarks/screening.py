"""Screening benchmark: ours (name_v1, name_v2, name_v3) and nomenklatura logic-v2, same data, one run.

    .venv/bin/python benchmarks/screening.py [--shared PATH] [--threshold 0.7] [--loao 1000]

Needs the `bench` extra (nomenklatura). Prints (1) dev-set recall and false alerts, (2) SDN 2021
leave-one-alias-out recall and alerts, bare names and with party facts, (3) UN names in Arabic,
Cyrillic and Chinese script against the list's Latin names, (4) pair comparisons per second and
query latency, (5) one stored screening with the index read from its cache file and from the
in-process cache. logic-v2 scores the candidates name_v3's index retrieves (it has no index of
its own here). The sets are described in screening_sets.py and docs/screening.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from followthemoney import model
from nomenklatura.matching import LogicV2

from screening_common import LOGIC, load, logic_hits, query_proxy, to_query
from screening_heldout import command_timing, heldout
from screening_sets import leave_one_alias_out, original_script
from torturefree.screening.algorithm import NameV1Config, NameV2Config, get_config
from torturefree.screening.bulk import prepare_query
from torturefree.screening.cache import IndexCache
from torturefree.screening.matcher import compare_names
from torturefree.screening.normalize import name_key
from torturefree.screening.query import parse_query
from torturefree.screening.scoring import score_bulk
from torturefree.screening.screen import Screener
from torturefree.screening.service import import_watchlist, screen_queries
from torturefree.screening.store import WatchlistStore
from torturefree.screening.table import candidates_v2


def dev_set(shared: Path, threshold: float) -> None:
    index, raw = load("un-xml", shared / "watchlists/un_consolidated_2026-02-27.xml", "un")
    screeners = {
        "ours v1": Screener([index], get_config("name_v1")),
        "ours v2": Screener([index], get_config("name_v2")),
        "ours v3": Screener([index], get_config("name_v3")),
    }
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
            found["logic-v2"] += bool(truth & logic_hits(index, raw, query, threshold))
        row_text = "   ".join(f"{m} {c / total:.4f}" for m, c in found.items())
        print(f"dev {label:9} recall            {row_text}   (n={total})")
    negatives = [
        to_query(r) for r in csv.DictReader((dev / "validation_negatives_global_1k.csv").open())
    ]
    alerts = {
        m: sum(bool(s.screen(q, threshold, 1)) for q in negatives) for m, s in screeners.items()
    }
    alerts["logic-v2"] = sum(bool(logic_hits(index, raw, q, threshold)) for q in negatives)
    row_text = "   ".join(f"{m} {c / len(negatives):.4f}" for m, c in alerts.items())
    print(f"dev negatives false-alert rate   {row_text}   (n={len(negatives)})")


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
    v3 = get_config("name_v3")
    assert isinstance(v3, NameV2Config)
    prepared_v3 = [prepare_query(k, sdn.table, sdn.token_idf, sdn.default_idf, v3) for k, _ in work]

    def bulk_v3() -> None:
        for query, (_, numbers), flags in zip(prepared_v3, work, everyone, strict=True):
            score_bulk(query, sdn.table, numbers, v3, flags)  # type: ignore[arg-type]

    rates["ours v3"] = _rate(bulk_v3, len(pairs))
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
        f"pair comparisons/s/core          {row}   (v3/logic-v2 {rates['ours v3'] / rates['logic-v2']:.0f}x)"
    )
    for label, config in (("ours v1", v1), ("ours v2", v2), ("ours v3", v3)):
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
    parser.add_argument("--negatives", type=int, default=2000, help="generated, split in two")
    parser.add_argument("--logic", type=int, default=300, help="logic-v2 on the first N per half")
    parser.add_argument("--only-heldout", action="store_true", help="held-out sets and timing only")
    parser.add_argument("--only-timing", action="store_true", help="the whole command timed only")
    args = parser.parse_args()
    if args.only_timing:
        command_timing(args.shared, threshold=args.threshold)
        return
    print(
        f"threshold {args.threshold}; ours = torturefree name_v1, name_v2, name_v3 (default), name_v4, name_v5, name_v6; "
        "baseline = nomenklatura logic-v2 (on name_v3's candidates per query)"
    )
    heldout(args.shared, args.threshold, args.negatives, args.logic)
    command_timing(args.shared, threshold=args.threshold)
    if args.only_heldout:
        return
    dev_set(args.shared, args.threshold)
    leave_one_alias_out(args.shared, args.threshold, args.loao)
    original_script(args.shared, args.threshold)
    speed(args.shared)
    submit_cache(args.shared)


if __name__ == "__main__":
    main()
