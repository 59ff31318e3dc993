"""The independent goods set (tests/goods/independent), development and held-out side by side.

Only aggregate figures are printed for the held-out part: it is for measuring, never for tuning
(its README). Misses are listed for the development part only, and only when asked.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import yaml

from torturefree.goods.classifier import Classifier
from torturefree.goods.labelled import HEADER, Labelled, Scores, format_row, load_labelled, score
from torturefree.goods.query import Classification, GoodsQuery
from torturefree.goods.scope import Classifiers

ROOT = Path(__file__).resolve().parents[1]
INDEPENDENT = ROOT / "tests" / "goods" / "independent"
Anchor = Callable[[Classifier, GoodsQuery], Classification]
PARTS = ("development", "held_out")


def parts() -> dict[str, list[Labelled]]:
    split = yaml.safe_load((INDEPENDENT / "split.yaml").read_text(encoding="utf-8"))
    return {part: load_labelled(INDEPENDENT / "cases.yaml", set(split[part])) for part in PARTS}


def annex_of(classifiers: Classifiers) -> Callable[[str, dt.date], str]:
    def find(entry_id: str, date: dt.date) -> str:
        entry = classifiers.catalogue.entries.get(entry_id)
        for version in entry.versions if entry else ():
            if version.valid_from <= date and (
                version.valid_until is None or date <= version.valid_until
            ):
                return version.annex
        return "?"

    return find


def run(
    classifiers: Classifiers, cases: list[Labelled], method: str, anchors: Mapping[str, Anchor]
) -> tuple[Scores, float]:
    """Scores of one method on cases, and its records per second (CPU time)."""
    if method in anchors:
        anchor = anchors[method]

        def classify(case: Labelled) -> Classification:
            return anchor(classifiers.get("EU", case.date), case.query)
    else:

        def classify(case: Labelled) -> Classification:
            return classifiers.get("EU", case.date, method).classify(case.query)

    for case in cases:  # build the classifiers first: speed is per record, not per build
        classifiers.get("EU", case.date, None if method in anchors else method)
    start = time.process_time()
    scores = score(cases, classify, annex_of(classifiers))
    elapsed = max(time.process_time() - start, 1e-9)
    return scores, len(cases) / elapsed


def print_independent(
    classifiers: Classifiers,
    algorithms: Sequence[str],
    anchors: Mapping[str, Anchor],
    *,
    dev_misses: bool = False,
) -> None:
    if not (INDEPENDENT / "split.yaml").exists():
        print(f"\n(no independent set at {INDEPENDENT}: skipped)")
        return
    split = parts()
    methods = [*algorithms, *anchors]
    results = {(m, p): run(classifiers, split[p], m, anchors) for m in methods for p in PARTS}
    sizes = ", ".join(f"{p} {len(split[p])}" for p in PARTS)
    print(f"\nIndependent labelled set ({sizes} cases). recall: true or null listing an expected")
    print("entry; FPR: negatives answered true; refer: decidable cases answered null; null: cases")
    print("labelled 'a fact is missing'; asked: share of those answered null with the candidate.")
    for part in PARTS:
        print(f"\n[{part}]\n{'method':18} {HEADER[19:]}   rec/s")
        for method in methods:
            scores, rate = results[(method, part)]
            print(f"{format_row(method, scores.total)} {rate:7,.0f}")
    for method in algorithms:
        print(f"\n{method} by slice: development | held-out")
        dev, held = results[(method, "development")][0], results[(method, "held_out")][0]
        names = sorted(set(dev.slices) | set(held.slices) - {"all"})
        for name in names:
            if name == "all":
                continue
            print(
                f"{format_row(name, dev.slices[name])} | {format_row('', held.slices[name])[19:]}"
            )
    if dev_misses:
        print(f"\n{algorithms[-1]} misses on the development part only:")
        print("\n".join(results[(algorithms[-1], "development")][0].misses))
