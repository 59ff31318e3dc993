"""Determinations per second on 100,000 generated transactions, one core (issue #2: goal >= 20,000/s).

Prints our engine's throughput beside a naive baseline that rebuilds the list snapshot and the
code/CAS indexes for every transaction (the cost of not caching law by validity period).
Run: .venv/bin/python benchmarks/determine.py [--count 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import time
from typing import Any

from torturefree.lists import load_catalogue
from torturefree.rules import Engine

GOAL_PER_SECOND = 20_000
JURISDICTIONS = ["EU", "EU", "EU", "DE", "GB", "US", "UN-A", "UN-A+DP", "UN-B"]
ACTIVITIES = [
    "export",
    "export",
    "export",
    "import",
    "transit",
    "brokering",
    "technical_assistance",
]


def generate(engine: Engine, count: int, seed: int = 125) -> list[dict[str, Any]]:
    """Transactions with goods named by entry id or by CN code, on dates since 2021."""
    rng = random.Random(seed)
    catalogue = engine.catalogue
    countries = sorted(engine.countries.names)
    entries = sorted(i for i, e in catalogue.entries.items() if e.instrument == "eu-2019-125")
    codes = sorted(
        {c.code for e in catalogue.entries.values() for v in e.versions for c in v.cn_codes}
    )
    codes += ["0901 21 00", "8471 30 00", "6403 99 93", "3004 90 00"]  # ordinary trade
    start = dt.date(2021, 1, 1).toordinal()
    span = dt.date(2026, 11, 1).toordinal() - start
    transactions = []
    for index in range(count):
        goods = [
            {"entry": rng.choice(entries)} if rng.random() < 0.5 else {"hs_code": rng.choice(codes)}
            for _ in range(rng.randint(1, 3))
        ]
        transactions.append(
            {
                "id": str(index),
                "jurisdiction": rng.choice(JURISDICTIONS),
                "date": dt.date.fromordinal(start + rng.randrange(span)).isoformat(),
                "activity": rng.choice(ACTIVITIES),
                "origin": rng.choice(["DE", "FR", "GB", "US", "NL"]),
                "destination": rng.choice(countries),
                "transit_countries": [rng.choice(["NL", "BE", "AE"])],
                "goods": goods,
            }
        )
    return transactions


def run(engine: Engine, transactions: list[dict[str, Any]], *, naive: bool = False) -> float:
    started = time.perf_counter()
    for transaction in transactions:
        if naive:
            engine.catalogue._snapshots.clear()
            engine._identifiers.clear()
        engine.determine(transaction).to_dict()
    return len(transactions) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--naive-count", type=int, default=2_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    engine = Engine(load_catalogue())
    transactions = generate(engine, args.count)
    run(engine, transactions[:2_000])  # warm the per-period caches
    ours = run(engine, transactions)
    naive = run(Engine(load_catalogue()), transactions[: args.naive_count], naive=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"data release {engine.catalogue.release}, {args.count:,} transactions, one core")
    print(f"{'':28}{'determinations/s':>18}")
    print(f"{'torturefree rules_v1':28}{ours:>18,.0f}")
    print(f"{'naive (no period caches)':28}{naive:>18,.0f}   (on {args.naive_count:,})")
    print(f"{'goal':28}{GOAL_PER_SECOND:>18,}")
    print(
        f"speed-up over naive: {ours / naive:.1f}x; goal {'met' if ours >= GOAL_PER_SECOND else 'missed'}"
    )
    print(f"peak memory: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
