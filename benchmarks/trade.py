"""Trade benchmark: generated Comtrade-layout data, DuckDB and Spark local side by side.

Run: .venv/bin/python benchmarks/trade.py [--rows 10000000 100000000] [--dir /tmp/tf_trade_bench]
     [--engines duckdb spark] [--keep]
Goals (issue #15): mirror statistics over 100M rows <= 60 s on DuckDB on this machine; Spark
within 3x of DuckDB; planted anomalies found with recall >= 0.95 at <= 5 % false flags.
Each engine runs in a fresh process (its peak memory is its own); data is deleted afterwards
unless --keep. Times are wall clock; load average is printed beside them (shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

KINDS = (
    "large_asymmetry",
    "sudden_rise",
    "possible_rerouting",
    "prohibited_goods",
    "death_penalty_destination",
)
SCORED = KINDS[:3]
MIRROR_GOAL_S = 60.0
SPARK_FACTOR_GOAL = 3.0


def generate(home: Path, rows: int, seed: int) -> dict[str, Any]:
    from torturefree.lists import load_catalogue
    from torturefree.risk.countries import load_countries
    from torturefree.trade.codes import goods_map
    from torturefree.trade.facts import RETENTIONIST, death_penalty_statuses
    from torturefree.trade.generate import Spec, generate_into_store

    countries = sorted(load_countries().by_alpha2)[:120]
    years = tuple(range(2015, 2025))
    codes = sorted({c.code6 for c in goods_map(load_catalogue(), ["eu-2019-125"], [2020]).codes})
    statuses = death_penalty_statuses(years, home)
    # Destinations retentionist in every year: watched whatever the year of the re-export.
    always = set(countries)
    for year in years:
        always &= {s.country for s in statuses if s.year == year and s.status == RETENTIONIST}
    parquet = home / "trade" / "parquet"
    parquet.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    spec = Spec(
        rows=rows, countries=countries, codes=codes, watched=sorted(always), years=years, seed=seed
    )
    written, truth, _ = generate_into_store(parquet, spec, f"generated-{rows}")
    took = time.perf_counter() - start
    truth.save(home / "truth.json")
    size = sum(p.stat().st_size for p in parquet.rglob("*.parquet"))
    return {
        "rows": written,
        "seconds": took,
        "bytes": size,
        "planted": {k: len(getattr(truth, k)) for k in ("asymmetry", "rise", "rerouting")},
    }


def worker(engine_name: str, home: Path) -> dict[str, Any]:
    """One engine over one data set: open, mirror, flags, scores, peak memory."""
    if engine_name == "spark":
        os.environ.setdefault("PYSPARK_SUBMIT_ARGS", "--driver-memory 8g pyspark-shell")
    from torturefree.trade import TradeStore, open_engine
    from torturefree.trade.evaluate import candidates, score
    from torturefree.trade.flags import asymmetries
    from torturefree.trade.generate import Truth
    from torturefree.trade.monitor import Monitor

    conf = {
        "spark.sql.shuffle.partitions": "16",
        "spark.sql.adaptive.enabled": "true",
        # One folder per batch, year and reporter (1,170 here): above 32 folders Spark lists
        # them with a job of its own; on one machine the driver lists them faster itself.
        "spark.sql.sources.parallelPartitionDiscovery.threshold": "100000",
    }
    engine = open_engine("local[2]" if engine_name == "spark" else "duckdb", spark_conf=conf)
    if engine.kind == "duckdb":
        engine.con.raw_sql("SET threads = 2; SET memory_limit = '8GB'")
    out: dict[str, Any] = {"engine": engine.kind}
    results = home / f"results-{engine.kind}"
    shutil.rmtree(results, ignore_errors=True)
    results.mkdir()
    start = time.perf_counter()
    m = Monitor.open(engine, TradeStore(home), home=home)
    out["rows"] = int(engine.rows(m.trade.count())[0]["value"])
    out["open_s"] = time.perf_counter() - start
    start = time.perf_counter()
    engine.con.to_parquet(m.mirror(), str(results / "mirror.parquet"))
    out["mirror_s"] = time.perf_counter() - start
    mirror = engine.con.read_parquet(
        str(results / "mirror.parquet")
        + (
            "/*.parquet"
            if engine.kind == "duckdb" and (results / "mirror.parquet").is_dir()
            else ""
        )
    )
    queries = m.queries()
    queries["large_asymmetry"] = lambda: asymmetries(
        mirror,
        m.value("asymmetry_threshold"),
        m.value("asymmetry_min_value_usd"),
        m.value("timing_offset_max"),
    )
    start = time.perf_counter()
    counts: dict[str, int] = {}
    flagged: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        target = results / f"{kind}.parquet"
        engine.con.to_parquet(queries[kind](), str(target))
        flagged[kind] = _read(target)
        counts[kind] = len(flagged[kind])
    out["flags_s"] = time.perf_counter() - start
    out["flag_rows"] = counts
    truth = Truth.load(home / "truth.json")
    out["scores"] = [s.as_json() for s in score(truth, flagged, candidates(m, mirror))]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if engine.session is not None:
        out["jvm_peak_mb"] = _jvm_peak(engine.session)
    engine.close()
    shutil.rmtree(results, ignore_errors=True)
    return out


def _read(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return list(pq.read_table(path).to_pylist())


def _jvm_peak(session: Any) -> float:
    pid = int(session._jvm.java.lang.ProcessHandle.current().pid())
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_worker(engine: str, home: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", engine, "--dir", str(home)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"engine": engine, "error": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(size: int, gen: dict[str, Any], results: list[dict[str, Any]]) -> None:
    print(
        f"\n== {size:,} rows requested, {gen['rows']:,} generated in {gen['seconds']:.1f} s "
        f"({gen['rows'] / gen['seconds']:,.0f} rows/s, {gen['bytes'] / 1e9:.2f} GB Parquet); "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(f"{'':34}" + "".join(f"{r['engine']:>16}" for r in results))
    for label, key in (
        ("open + count rows (s)", "open_s"),
        ("mirror statistics (s)", "mirror_s"),
        ("flags, 5 kinds (s)", "flags_s"),
    ):
        print(f"{label:34}" + "".join(f"{r.get(key, float('nan')):16.2f}" for r in results))
    print(
        f"{'mirror rows/s':34}"
        + "".join(
            f"{r['rows'] / r['mirror_s']:16,.0f}" if "mirror_s" in r else f"{'-':>16}"
            for r in results
        )
    )
    print(
        f"{'peak memory, python (MB)':34}"
        + "".join(f"{r.get('peak_rss_mb', float('nan')):16,.0f}" for r in results)
    )
    print(
        f"{'peak memory, JVM (MB)':34}"
        + "".join(f"{r.get('jvm_peak_mb', 0):16,.0f}" for r in results)
    )
    for r in results:
        if "error" in r:
            print(f"{r['engine']} failed: {r['error']}")
            continue
        for s in r["scores"]:
            print(
                f"  {r['engine']:8} {s['kind']:20} planted {s['planted']:6} found {s['found']:6} recall {s['recall']:.3f}"
                f"  false flags {s['false_flags']:6} of {s['candidates'] - s['planted']:9} = {s['false_rate']:.4%}"
                f"   goal recall >= 0.95 at <= 5 %: {'met' if s['recall'] >= 0.95 and s['false_rate'] <= 0.05 else 'MISSED'}"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000_000, 100_000_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/tf_trade_bench"))
    parser.add_argument("--engines", nargs="+", default=["duckdb", "spark"])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--worker")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.dir)))
        return
    free = shutil.disk_usage(args.dir.parent).free
    print(f"free disk at {args.dir.parent}: {free / 1e9:.0f} GB; load average {os.getloadavg()}")
    mirror_times: dict[str, list[float]] = {}
    for size in args.rows:
        home = args.dir / str(size)
        shutil.rmtree(home, ignore_errors=True)
        os.environ["TORTUREFREE_HOME"] = str(home)
        gen = generate(home, size, args.seed)
        results = [run_worker(e, home) for e in args.engines]
        report(size, gen, results)
        for r in results:
            mirror_times.setdefault(r["engine"], []).append(r.get("mirror_s", float("nan")))
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    _summary(args.rows, mirror_times)


def _summary(sizes: list[int], times: dict[str, list[float]]) -> None:
    if len(sizes) > 1:
        for engine, t in times.items():
            print(
                f"growth {sizes[0]:,} -> {sizes[-1]:,} rows, {engine}: mirror x{t[-1] / t[0]:.1f} for x{sizes[-1] / sizes[0]:.0f} rows"
            )
    duck, spark = times.get("duckdb"), times.get("pyspark") or times.get("spark")
    if duck:
        print(
            f"mirror statistics at {sizes[-1]:,} rows on DuckDB: {duck[-1]:.1f} s, goal {MIRROR_GOAL_S:.0f} s: {'met' if duck[-1] <= MIRROR_GOAL_S else 'MISSED'}"
        )
    if duck and spark:
        factor = spark[-1] / duck[-1]
        print(
            f"Spark / DuckDB at {sizes[-1]:,} rows: x{factor:.1f}, goal <= x{SPARK_FACTOR_GOAL:.0f}: {'met' if factor <= SPARK_FACTOR_GOAL else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
