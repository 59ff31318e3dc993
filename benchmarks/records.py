"""Records benchmark: annual report over ~1,000,000 licence lines and verify of 1,000,000 entries.

Run: .venv/bin/python benchmarks/records.py [--lines 1000000] [--entries 1000000] [--dir PATH]
     [--reuse] [--workers N]
Goals (issue #7): annual report <= 5 s, ledger verify of 1M entries <= 10 s, on one machine.
`--reuse` keeps the store and ledger already in --dir (the timed steps read them again);
`--workers N` also times verify split over N processes.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from torturefree.records import EventType, Ledger, NewEvent
from torturefree.records.annual import build_annual
from torturefree.records.counting import Tables
from torturefree.records.demo import Generator, load_spec
from torturefree.records.render import ReportFormat, write_report
from torturefree.records.store import Store

SPEC = Path(__file__).resolve().parents[1] / "tests" / "records" / "fixtures" / "demo-spec.yaml"
YEARS = range(2020, 2025)
LINES_PER_APPLICATION = 1.8  # the demo mix: 1, 1, 2 or 3 lines, some amended (version 2)
REPORT_GOAL = 5.0
VERIFY_GOAL = 10.0


def timed(label: str, start: float, goal: float | None = None) -> float:
    took = time.perf_counter() - start
    verdict = "" if goal is None else f"  goal {goal:.0f} s: {'met' if took <= goal else 'MISSED'}"
    print(f"{label:<52} {took:8.2f} s{verdict}", flush=True)
    return took


def bench_report(folder: Path, lines: int, reuse: bool) -> None:
    store = Store.open(folder / "store.sqlite3")
    if not (reuse and store.count("licence_line")):
        write_store(store, lines)
    print(f"  licence lines: {store.count('licence_line'):,}  decisions: "
          f"{store.count('decision'):,}  shipments: {store.count('shipment'):,}")  # fmt: skip
    start = time.perf_counter()
    tables = Tables.from_arrow(store.arrow_tables())
    timed("load store into DuckDB (SQLite -> Arrow -> DuckDB)", start)
    start = time.perf_counter()
    report = build_annual(tables, YEARS[-1])
    timed("annual report, all tables (full version)", start, REPORT_GOAL)
    start = time.perf_counter()
    build_annual(tables, YEARS[-1], public=True)
    timed("annual report, public version", start, REPORT_GOAL)
    for fmt in (ReportFormat.JSON, ReportFormat.XLSX, ReportFormat.HTML, ReportFormat.PDF):
        start = time.perf_counter()
        write_report(report, fmt, folder / f"annual.{fmt.value}")
        timed(f"  render {fmt.value}", start)
    store.close()


def write_store(store: Store, lines: int) -> None:
    generator = Generator(load_spec(SPEC), seed=1)
    per_year = int(lines / LINES_PER_APPLICATION / len(YEARS))
    start = time.perf_counter()
    for number, year in enumerate(YEARS):
        store.write(generator.records(range(year, year + 1), per_year, start=number * per_year))
    timed("generate + write store (SQLite)", start)


def bench_ledger(folder: Path, entries: int, reuse: bool, workers: int) -> None:
    ledger = Ledger.open(folder / "ledger.sqlite3")
    if not (reuse and ledger.head()):
        append(ledger, entries)
    start = time.perf_counter()
    result = ledger.verify()
    timed(f"verify {result.entries_checked:,} entries (ok={result.ok})", start, VERIFY_GOAL)
    if workers > 1:
        start = time.perf_counter()
        result = ledger.verify(workers=workers)
        label = f"verify {result.entries_checked:,} entries, {workers} processes (ok={result.ok})"
        timed(label, start, VERIFY_GOAL)
    ledger.close()


def append(ledger: Ledger, entries: int) -> None:
    chunk = 20_000
    start = time.perf_counter()
    for first in range(0, entries, chunk):
        ledger.append_many(
            NewEvent(EventType.SHIPMENT_RECORDED, f"application/{n // 4}", "bench:customs",
                     {"quantity": n % 500, "unit": "pieces", "line_no": 1}, f"b{n}")
            for n in range(first, min(first + chunk, entries))
        )  # fmt: skip
    timed(f"append {entries:,} entries in batches of {chunk:,}", start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="keep data already in --dir")
    parser.add_argument("--workers", type=int, default=1, help="also verify with N processes")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="tf-records-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"records benchmark in {folder}; {os.cpu_count()} CPUs, load average {load}")
    bench_report(folder, args.lines, args.reuse)
    bench_ledger(folder, args.entries, args.reuse, args.workers)


if __name__ == "__main__":
    main()
