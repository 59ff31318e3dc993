"""Screening CPU without the command around it: 2,000 generated names against SDN 2021 + UN.

    .venv/bin/python benchmarks/screening_inprocess.py [--shared PATH] [--rounds 3]

Imports both lists into a fresh home, loads the stored indexes as `torturefree screen` does
(service.load_screener) and screens the names of `benchmarks/screening.py --only-timing` once
per round, printing the CPU time
of the matching alone (process_time: the machine is shared) and the load average. Round 1 is
the one a `screen` run pays (memos empty). For a before/after comparison run it with
PYTHONPATH=<worktree>:<worktree>/src for each side, alternately, in one sitting.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from screening_heldout import negatives
from torturefree.screening.query import parse_query
from torturefree.screening.service import import_watchlist, load_screener
from torturefree.screening.store import WatchlistStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get(
        "TORTUREFREE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared/data"
    )
    parser.add_argument("--shared", type=Path, default=Path(default))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lists = args.shared / "watchlists"
    with tempfile.TemporaryDirectory() as home:
        store = WatchlistStore(Path(home))
        import_watchlist(store, "ofac-sdn", "sdn", lists / "ofac_sdn_2021")
        import_watchlist(store, "un-xml", "un", lists / "un_consolidated_2026-02-27.xml")
        screener, _ = load_screener(store)
        queries = [parse_query({"name": n}) for n in negatives(2000)]
        for round_no in range(1, args.rounds + 1):
            start = time.process_time()
            for query in queries:
                screener.screen(query, 0.7, 5)
            used = time.process_time() - start
            load = Path("/proc/loadavg").read_text().split()[0]
            print(
                f"round {round_no}: 2000 names, matching only   cpu {used:5.2f} s "
                f"{len(queries) / used:5.0f} q/s   load {load}"
            )


if __name__ == "__main__":
    main()
