"""The records store: write line-level rows, and read them back as Arrow tables for reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from torturefree.records.backend import Backend, open_backend
from torturefree.records.model import Application, Decision, LicenceLine, Shipment
from torturefree.records.schema import STORE_TABLES, store_schema

_ROW_MODELS: dict[str, type[Any]] = {
    "application": Application,
    "licence_line": LicenceLine,
    "decision": Decision,
    "shipment": Shipment,
}
_DATE_COLUMNS = {"submitted_on", "decided_on", "valid_until", "shipped_on"}


@dataclass
class Records:
    """A batch of line-level rows to write together."""

    applications: list[Application] = field(default_factory=list)
    lines: list[LicenceLine] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    shipments: list[Shipment] = field(default_factory=list)

    def by_table(self) -> dict[str, Sequence[Any]]:
        return {
            "application": self.applications,
            "licence_line": self.lines,
            "decision": self.decisions,
            "shipment": self.shipments,
        }

    def extend(self, other: Records) -> None:
        self.applications += other.applications
        self.lines += other.lines
        self.decisions += other.decisions
        self.shipments += other.shipments


class Store:
    """Line-level tables next to the ledger (same database by default)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        backend.run_script(store_schema())

    @classmethod
    def open(cls, target: str | Path | Any | None = None) -> Store:
        return cls(open_backend(target))

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def write(self, records: Records) -> None:
        """Write all rows in one transaction; rows already stored (same key) stay as they are."""
        with self.backend.write() as cursor:
            for table, rows in records.by_table().items():
                if rows:
                    cursor.executemany(_insert_sql(table), [_values(table, row) for row in rows])

    def count(self, table: str) -> int:
        _known(table)
        return int(self.backend.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    def arrow(self, table: str) -> pa.Table:
        """One table as Arrow, typed (dates as date32), ready for DuckDB through Ibis."""
        columns = STORE_TABLES[_known(table)]
        names = [name for name, _ in columns]
        rows = list(self.backend.stream(f"SELECT {', '.join(names)} FROM {table}"))
        data = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        arrays = [
            _array(name, kind, values) for (name, kind), values in zip(columns, data, strict=True)
        ]
        return pa.table(arrays, names=names)

    def arrow_tables(self) -> dict[str, pa.Table]:
        return {table: self.arrow(table) for table in STORE_TABLES}


def _known(table: str) -> str:
    if table not in STORE_TABLES:
        raise KeyError(table)
    return table


def _insert_sql(table: str) -> str:
    names = [name for name, _ in STORE_TABLES[table]]
    marks = ", ".join("?" for _ in names)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks}) ON CONFLICT DO NOTHING"


def _values(table: str, row: Any) -> tuple[Any, ...]:
    return tuple(_plain(getattr(row, name)) for name, _ in STORE_TABLES[table])


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return getattr(value, "value", value)


def _array(name: str, kind: str, values: Iterable[Any]) -> pa.Array:
    if name in _DATE_COLUMNS:
        return pa.array(values, type=pa.string()).cast(pa.date32())
    if name == "sensitive":
        return pa.array([bool(v) for v in values], type=pa.bool_())
    if kind.startswith("INTEGER"):
        return pa.array(values, type=pa.int64())
    if kind.startswith("DOUBLE"):
        return pa.array(values, type=pa.float64())
    return pa.array(values, type=pa.string())


def records_from_rows(table: str, rows: Iterable[dict[str, Any]]) -> list[Any]:
    """Validate plain dicts (e.g. from JSON) into row models, naming the line of a bad one."""
    from torturefree.records.model import parse_row

    return [parse_row(_ROW_MODELS[table], row, line) for line, row in enumerate(rows, start=1)]
