"""Screening benchmark: ours (name_v1) and nomenklatura logic-v2 side by side, same data, one run.

    .venv/bin/python benchmarks/screening.py [--shared PATH] [--threshold 0.7] [--loao 1000]

Needs the `bench` extra (nomenklatura). Prints (1) dev-set recall and false alerts, (2) SDN 2021
leave-one-alias-out recall and alerts, (3) pair comparisons per second and query latency.
logic-v2 scores the same candidates our index retrieves (it has no index of its own here).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

from followthemoney import model
from nomenklatura.matching import LogicV2
from nomenklatura.matching.types import ScoringConfig

from torturefree.screening.algorithm import get_config
from torturefree.screening.formats import read_watchlist
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.matcher import compare_names
from torturefree.screening.normalize import name_key
from torturefree.screening.query import Query, parse_query
from torturefree.screening.screen import Screener
from torturefree.screening.service import active_targets

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
    seen = {index.aliases[n].target for n in index.candidates(key, screener.config.candidates)}
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
    screener = Screener([index])
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
        ours = theirs = total = 0
        for row, truth_row in zip(csv.DictReader((dev / file).open()), plain, strict=True):
            truth = by_name.get(truth_row["full_name"].casefold())
            if not truth:
                continue
            total += 1
            query = to_query(row)
            ours += any(m.entity_id in truth for m in screener.screen(query, threshold, 10))
            theirs += bool(truth & logic_hits(screener, query, raw, threshold))
        print(
            f"dev {label:9} recall   ours {ours / total:.4f}   logic-v2 {theirs / total:.4f}   (n={total})"
        )
    negatives = list(csv.DictReader((dev / "validation_negatives_global_1k.csv").open()))
    ours = sum(bool(screener.screen(to_query(r), threshold, 1)) for r in negatives)
    theirs = sum(bool(logic_hits(screener, to_query(r), raw, threshold)) for r in negatives)
    n = len(negatives)
    print(
        f"dev negatives false-alert rate ours {ours / n:.4f}   logic-v2 {theirs / n:.4f}   (n={n})"
    )


def to_query(row: dict[str, str]) -> Query:
    return parse_query(
        {
            "name": row["full_name"],
            "schema": "Person",
            "birth_date": row["date_of_birth"] or None,
            "country": row["nationality"] if len(row["nationality"]) == 2 else None,
        }
    )


def leave_one_alias_out(shared: Path, threshold: float, count: int) -> None:
    index, raw = load("ofac-sdn", shared / "watchlists/ofac_sdn_2021", "sdn")
    config = get_config()
    multi = [
        n
        for n, a in enumerate(index.aliases)
        if len(index.targets[a.target].names) > 1 and len(a.key.tokens) <= 15
    ]
    picked = random.Random(0).sample(multi, min(count, len(multi)))
    ours_hit = ours_alert = their_hit = their_alert = 0
    for number in picked:
        alias = index.aliases[number]
        target = index.targets[alias.target]
        query = parse_query({"name": alias.name[:300], "schema": _query_schema(target.schema)})
        best: dict[int, float] = {}
        for n in index.candidates(alias.key, config.candidates):
            if n == number or not query.can_match(index.targets[index.aliases[n].target].schema):
                continue
            other = index.aliases[n]
            abbreviations = query.is_person is not True
            score = compare_names(alias.key, other.key, index.idf, config, abbreviations).score
            best[other.target] = max(best.get(other.target, 0.0), score)
        hits = {t for t, s in best.items() if s >= threshold}
        ours_hit += alias.target in hits
        ours_alert += bool(hits - {alias.target})
        theirs = _logic_loao(index, raw, query, number, threshold)
        their_hit += target.entity_id in theirs
        their_alert += bool(theirs - {target.entity_id})
    n = len(picked)
    print(
        f"SDN leave-one-alias-out recall ours {ours_hit / n:.4f}   logic-v2 {their_hit / n:.4f}   (n={n})"
    )
    print(
        f"SDN leave-one-alias-out wrong-entity alerts ours {ours_alert / n:.4f}   logic-v2 {their_alert / n:.4f}"
    )


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
    sdn, sdn_raw = load("ofac-sdn", shared / "watchlists/ofac_sdn_2021", "sdn")
    un, un_raw = load("un-xml", shared / "watchlists/un_consolidated_2026-02-27.xml", "un")
    screener = Screener([sdn, un])
    config = screener.config
    queries = [
        to_query(r)
        for r in csv.DictReader(
            (shared / "screening-dev/validation_negatives_global_1k.csv").open()
        )
    ]
    queries += [
        to_query(r)
        for r in csv.DictReader((shared / "screening-dev/cgb_positives_un_treated.csv").open())
    ]
    pairs = []
    for query in queries[:500]:
        key = name_key(query.name, query.is_person)
        pairs += [(key, sdn.aliases[n].key) for n in sdn.candidates(key, config.candidates)]
    for key, other in pairs:  # warm the token cache as a running service would have it
        compare_names(key, other, sdn.idf, config, False)
    start = time.perf_counter()
    for key, other in pairs:
        compare_names(key, other, sdn.idf, config, False)
    ours = len(pairs) / (time.perf_counter() - start)
    sample = pairs[:3000]
    proxies = [
        (
            query_proxy(parse_query({"name": a.original})),
            model.get_proxy(
                {"id": f"r{i}", "schema": "LegalEntity", "properties": {"name": [b.original]}}
            ),
        )
        for i, (a, b) in enumerate(sample)
    ]
    start = time.perf_counter()
    for a, b in proxies:
        LogicV2.compare(a, b, LOGIC)
    theirs = len(proxies) / (time.perf_counter() - start)
    print(
        f"pair comparisons/s/core   ours {ours:,.0f}   logic-v2 {theirs:,.0f}   ratio {ours / theirs:.1f}x"
    )
    latencies = []
    for query in queries:
        start = time.perf_counter()
        screener.screen(query, None, 5)
        latencies.append((time.perf_counter() - start) * 1000)
    p99 = statistics.quantiles(latencies, n=100)[98]
    print(
        f"query latency vs SDN+UN ({len(sdn.aliases) + len(un.aliases)} names)   "
        f"p50 {statistics.median(latencies):.2f} ms   p99 {p99:.2f} ms   (ours; n={len(latencies)})"
    )
    del sdn_raw, un_raw


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
        f"threshold {args.threshold}; ours = torturefree name_v1; baseline = nomenklatura logic-v2"
    )
    dev_set(args.shared, args.threshold)
    leave_one_alias_out(args.shared, args.threshold, args.loao)
    speed(args.shared)


if __name__ == "__main__":
    main()
