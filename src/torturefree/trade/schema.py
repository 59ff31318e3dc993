"""The stored form of trade statistics: one Arrow schema whatever the source layout."""

from __future__ import annotations

from enum import StrEnum

import pyarrow as pa


class Flow(StrEnum):
    """Comtrade flow codes. X includes re-exports and M re-imports (RX/RM are memo items)."""

    EXPORT = "X"
    IMPORT = "M"
    RE_EXPORT = "RX"
    RE_IMPORT = "RM"
    DOMESTIC_EXPORT = "DX"
    FOREIGN_IMPORT = "FM"


class PartnerKind(StrEnum):
    COUNTRY = "country"
    WORLD = "world"
    AREAS_NES = "areas_nes"
    CONFIDENTIAL = "confidential"
    SPECIAL = "special"


class Measure(StrEnum):
    """What a figure measures about the listed goods (never more than the data allows)."""

    # The heading also holds goods that are not listed ('ex' code, or a coarser code).
    UPPER_BOUND = "upper_bound"
    # The code holds the listed goods only and trade was recorded at that code or finer.
    EXACT = "exact"
    # Not the listed goods at all: a heading total with no entry mapped to it.
    HEADING = "heading"


# Partition columns come last: the Parquet files hold everything else.
COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("source", pa.string()),
    ("classification", pa.string()),
    ("flow", pa.string()),
    ("partner", pa.string()),
    ("partner_kind", pa.string()),
    ("code", pa.string()),
    ("level", pa.int32()),
    ("period", pa.int32()),
    ("value_usd", pa.float64()),
    ("cif_usd", pa.float64()),
    ("fob_usd", pa.float64()),
    ("net_weight_kg", pa.float64()),
    ("quantity", pa.float64()),
    ("quantity_unit", pa.string()),
    ("value_original", pa.float64()),
    ("currency", pa.string()),
    ("file", pa.string()),
    ("line", pa.int64()),
    ("year", pa.int32()),
    ("reporter", pa.string()),
)
PARTITIONS = ("year", "reporter")
SCHEMA = pa.schema([pa.field(name, kind) for name, kind in COLUMNS])


def empty_columns() -> dict[str, list[object]]:
    return {name: [] for name, _ in COLUMNS}


def to_table(columns: dict[str, list[object]]) -> pa.Table:
    return pa.table({name: pa.array(columns[name], type=kind) for name, kind in COLUMNS})
