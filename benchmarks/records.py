"""Records benchmark: annual report over ~1,000,000 licence lines and verify of 1,000,000 entries.

Run: .venv/bin/python benchmarks/records.py [--lines 1000000] [--entries 1000000] [--dir PATH]
Goals (issue #7): annual report <= 5 s, ledger verify of 1M entries <= 10 s, on one machine.
"""

from __future__ import annotations

import argparse
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


def timed(label: str, start: float) -> float:
    took = time.perf_counter() - start
    print(f"{label:<52} {took:8.2f} s", flush=True)
    return took


def bench_report(folder: Path, lines: int) -> None:
    store = Store.open(folder / "store.sqlite3")
    generator = Generator(load_spec(SPEC), seed=1)
    per_year = int(lines / LINES_PER_APPLICATION / len(YEARS))
    start = time.perf_counter()
    for number, year in enumerate(YEARS):
        store.write(generator.records(range(year, year + 1), per_year, start=number * per_year))
    timed("generate + write store (SQLite)", start)
    print(f"  licence lines: {store.count('licence_line'):,}  decisions: "
          f"{store.count('decision'):,}  shipments: {store.count('shipment'):,}")  # fmt: skip
    start = time.perf_counter()
    tables = Tables.from_arrow(store.arrow_tables())
    timed("load store into DuckDB (SQLite -> Arrow -> DuckDB)", start)
    start = time.perf_counter()
    report = build_annual(tables, YEARS[-1])
    timed("annual report, all tables (Ibis on DuckDB)  [goal 5 s]", start)
    start = time.perf_counter()
    build_annual(tables, YEARS[-1], public=True)
    timed("annual report, public version", start)
    for fmt in (ReportFormat.JSON, ReportFormat.XLSX, ReportFormat.HTML, ReportFormat.PDF):
        start = time.perf_counter()
        write_report(report, fmt, folder / f"annual.{fmt.value}")
        timed(f"  render {fmt.value}", start)
    store.close()


def bench_ledger(folder: Path, entries: int) -> None:
    ledger = Ledger.open(folder / "ledger.sqlite3")
    chunk = 20_000
    start = time.perf_counter()
    for first in range(0, entries, chunk):
        ledger.append_many(
            NewEvent(EventType.SHIPMENT_RECORDED, f"application/{n // 4}", "bench:customs",
                     {"quantity": n % 500, "unit": "pieces", "line_no": 1}, f"b{n}")
            for n in range(first, min(first + chunk, entries))
        )  # fmt: skip
    timed(f"append {entries:,} entries in batches of {chunk:,}", start)
    start = time.perf_counter()
    result = ledger.verify()
    timed(f"verify {result.entries_checked:,} entries (ok={result.ok})  [goal 10 s]", start)
    ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="tf-records-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"records benchmark in {folder}")
    bench_report(folder, args.lines)
    bench_ledger(folder, args.entries)


if __name__ == "__main__":
    main()
