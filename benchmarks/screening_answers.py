"""Digest of every name_v2..name_v5 answer on the real sets: speed work must leave it unchanged.

    .venv/bin/python benchmarks/screening_answers.py [--shared PATH] [--out FILE]

Screens screening-dev's UN persons (clean and perturbed) and 1,000 negatives, and the 2,000
generated multicultural names, against SDN 2021 + UN: `screen` at 0.7 (top 10) and, for one
query in ten, `score_all` (top 15, below any threshold). Prints the SHA-256 of all answers
(matches with scores, explanations and features, as JSON); `--out` keeps them to diff. Run it
before and after a change: the digests must be equal. tests/screening/test_pinned.py pins a
smaller set in the test suite; this one covers the sets the figures in docs/screening.md use.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
from pathlib import Path

from screening_common import load, to_query
from screening_heldout import negatives
from torturefree.screening.algorithm import get_config
from torturefree.screening.query import Query, parse_query
from torturefree.screening.screen import Screener

ALGORITHMS = ("name_v2", "name_v3", "name_v4", "name_v5")


def queries(shared: Path) -> list[Query]:
    dev = shared / "screening-dev"
    files = (
        "cgb_positives_un_untreated.csv",
        "cgb_positives_un_treated.csv",
        "validation_negatives_global_1k.csv",
    )
    found = [to_query(r) for f in files for r in csv.DictReader((dev / f).open())]
    return found + [parse_query({"name": n}) for n in negatives(2000)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get(
        "TORTUREFREE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared/data"
    )
    parser.add_argument("--shared", type=Path, default=Path(default))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lists = args.shared / "watchlists"
    indexes = [
        load("ofac-sdn", lists / "ofac_sdn_2021", "sdn")[0],
        load("un-xml", lists / "un_consolidated_2026-02-27.xml", "un")[0],
    ]
    asked = queries(args.shared)
    digest = hashlib.sha256()
    out = args.out.open("w") if args.out else None
    for algorithm in ALGORITHMS:
        screener = Screener(indexes, get_config(algorithm))
        lines = [
            [algorithm, q.name, [m.to_dict() for m in screener.screen(q, 0.7, 10)]] for q in asked
        ]
        lines += [
            [algorithm, "all", q.name, [m.to_dict() for m in screener.score_all(q)[:15]]]
            for q in asked[::10]
        ]
        for line in lines:
            text = json.dumps(line, sort_keys=True) + "\n"
            digest.update(text.encode())
            if out:
                out.write(text)
        print(f"{algorithm}: {len(lines)} answers")
    print(f"sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
