"""One expression, two engines: every query on DuckDB and on Spark (local), results compared exactly.

One Spark session for the whole module (the JVM takes seconds to start; CI has 2 cores).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.records.scenario import Scenario

from torturefree.trade import Engine, TradeStore, load_parameters
from torturefree.trade.engine import spark_engine, spark_session
from torturefree.trade.licences import licences_from_store
from torturefree.trade.monitor import KINDS, Monitor

pytest.importorskip("pyspark", reason="pyspark is not installed")


@pytest.fixture(scope="module")
def spark() -> Iterator[Engine]:
    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "2"})
    engine = spark_engine(session)
    yield engine
    engine.close()


def _sorted(rows: list[dict[str, Any]]) -> list[tuple[tuple[str, Any], ...]]:
    return sorted((tuple(sorted(r.items())) for r in rows), key=repr)


def _monitors(store: TradeStore, duck: Engine, spark: Engine, tmp: Path) -> tuple[Monitor, Monitor]:
    Scenario().apply("A1", "2021-03-01", partner="US", quantity=1000).decide(
        "A1", 1, "2021-03-10", "issued", line_version=1
    ).tables(tmp)
    lic = licences_from_store(tmp / "scenario.sqlite3", [2021], load_parameters())
    return Monitor.open(duck, store, licences=lic), Monitor.open(spark, store, licences=lic)


def test_every_query_gives_the_same_rows_on_both_engines(
    loaded: TradeStore, duck: Engine, spark: Engine, tmp_path: Path
) -> None:
    d, s = _monitors(loaded, duck, spark, tmp_path)
    mirror_d = duck.rows(d.mirror())
    assert mirror_d and _sorted(mirror_d) == _sorted(spark.rows(s.mirror()))
    dq, sq = d.queries(), s.queries()
    for kind in KINDS:
        on_duck = duck.rows(dq[kind]())
        assert on_duck, f"{kind}: the fixture raises no flag, so the comparison would be empty"
        assert _sorted(on_duck) == _sorted(spark.rows(sq[kind]())), kind
    # The finished flags (ids, why, records) agree too.
    flags_d, flags_s = d.flags(), s.flags()
    assert sorted(f["id"] for f in flags_d) == sorted(f["id"] for f in flags_s)
    first = flags_d[0]
    assert _sorted(d.records(first)) == _sorted(s.records(first))
