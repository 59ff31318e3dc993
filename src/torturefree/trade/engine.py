"""Where the expressions run: an embedded DuckDB by default, Spark when a master is configured.

The analytics only ever see Ibis tables, so one expression runs on either engine; this module is
the only place that knows which one it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from torturefree.trade.schema import COLUMNS, SCHEMA

SPARK_MASTER_ENV = "TORTUREFREE_SPARK_MASTER"
# Spark settings for a small local run; a cluster sets its own (docs/trade.md).
LOCAL_SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    # Partition folder names are read as text and cast by the expressions: both engines then
    # see the same types (Spark would otherwise guess numbers from a batch id of digits).
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.ansi.enabled": "false",
}


@dataclass
class Engine:
    kind: str
    con: Any
    session: Any = None

    def trade(self, parquet: Path) -> ir.Table:
        """All stored trade rows, typed the same way on both engines."""
        files = sorted(parquet.glob("batch=*/year=*/reporter=*/*.parquet"))
        if not files:
            return ibis.memtable(SCHEMA.empty_table())
        if self.kind == "duckdb":
            raw = self.con.read_parquet(
                str(parquet / "*" / "*" / "*" / "*.parquet"),
                hive_partitioning=True,
                hive_types_autocast=False,
            )
        else:
            raw = self.con.read_parquet(str(parquet))
        return typed(raw)

    def table(self, data: pa.Table) -> ir.Table:
        """A small side table (codes, statuses, licences) on this engine."""
        return ibis.memtable(data)

    def keep(self, expr: ir.Table) -> ir.Table:
        """An intermediate table several later steps read. Spark computes a plan again for each
        reference, so there it is persisted (in memory, spilling to disk) once; on DuckDB the
        whole plan already runs in seconds (docs/trade.md) and is left as it is."""
        if self.kind == "duckdb":
            return expr
        return expr.cache()

    def rows(self, expr: ir.Expr) -> list[dict[str, Any]]:
        result = self.con.to_pyarrow(expr)
        if isinstance(result, pa.Table):
            return list(result.to_pylist())
        return [{"value": result.as_py()}]

    def arrow(self, expr: ir.Table) -> pa.Table:
        table: pa.Table = self.con.to_pyarrow(expr)
        return table

    def close(self) -> None:
        if self.session is not None:
            self.session.stop()
        else:
            self.con.disconnect()


def typed(raw: ir.Table) -> ir.Table:
    types = dict(COLUMNS)
    casts = {name: raw[name].cast(_ibis_type(types[name])) for name, _ in COLUMNS}
    return raw.select(**casts)


def _ibis_type(kind: pa.DataType) -> str:
    return {
        pa.string(): "string",
        pa.int32(): "int32",
        pa.int64(): "int64",
        pa.float64(): "float64",
    }[kind]


def open_engine(master: str | None = None, *, spark_conf: dict[str, str] | None = None) -> Engine:
    """DuckDB, or Spark when `master` (or $TORTUREFREE_SPARK_MASTER) names a Spark master."""
    master = master or os.environ.get(SPARK_MASTER_ENV) or None
    if not master or master == "duckdb":
        return Engine("duckdb", ibis.duckdb.connect())
    return spark_engine(spark_session(master, spark_conf))


def spark_session(master: str, conf: dict[str, str] | None = None) -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName("torturefree-trade")
    for key, value in {**LOCAL_SPARK_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def spark_engine(session: Any) -> Engine:
    return Engine("pyspark", ibis.pyspark.connect(session), session)
