"""What states licensed, from the records package: line-level store or an annual report's JSON.

The store gives each licence line's CN code, so licensed and traded meet per code; a report's
JSON only has categories (ATT layout), so its figures can only be set against the whole of the
codes of a category, an even looser upper bound.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa

from torturefree.errors import InputError
from torturefree.records import Store
from torturefree.records import counting as rules
from torturefree.records.counting import Tables
from torturefree.trade.params import Parameters
from torturefree.vocabulary import Activity

FLOW_OF = {Activity.EXPORT.value: "X", Activity.IMPORT.value: "M"}
SCHEMA = pa.schema(
    [
        ("reporter", pa.string()),
        ("flow", pa.string()),
        ("partner", pa.string()),
        ("code6", pa.string()),
        ("year", pa.int32()),
        ("authorised_usd", pa.float64()),
        ("licences", pa.int64()),
    ]
)


def licences_from_store(target: str | Path | None, years: list[int], p: Parameters) -> pa.Table:
    """Authorised lines (records' counting rule: granted in the year, as amended by 31 Dec)."""
    with Store.open(target) as store:
        t = Tables.from_arrow(store.arrow_tables())
    out: list[dict[str, Any]] = []
    for year in years:
        lines = rules.authorised_lines(t, year).join(
            t.application.select("application_id", "reporting_state"), "application_id"
        )
        for row in t.backend.to_pyarrow(lines).to_pylist():
            flow = FLOW_OF.get(row["activity"])
            if flow is None or row["value"] is None:
                continue
            rate = p.usd_per(row["currency"] or "EUR", year, field="licence_line.currency")
            out.append(
                {
                    "reporter": row["reporting_state"],
                    "flow": flow,
                    "partner": row["partner"],
                    "code6": row["cn_code"].replace(" ", "")[:6],
                    "year": year,
                    "authorised_usd": round(row["value"] * rate, 2),
                    "licences": 1,
                }
            )
    return pa.Table.from_pylist(out, schema=SCHEMA)


def report_totals(path: Path) -> list[dict[str, Any]]:
    """An annual report's JSON (records `report annual --format json`): authorised and actual
    rows by category and partner, for a state that shares only its report."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        tables = report["tables"]
        states = report["reporting_states"]
        year = int(report["year"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"not an annual report's JSON ({error})", source=str(path)) from error
    rows = []
    for name, flow in (("att_export", "X"), ("att_import", "M")):
        for line, row in enumerate(tables.get(name, []), start=1):
            if "category" not in row or "partner" not in row:
                raise InputError(
                    "row without category or partner",
                    field=f"tables.{name}",
                    line=line,
                    source=str(path),
                )
            rows.append({"reporters": states, "year": year, "flow": flow, **row})
    return rows
