"""The annual report: Art. 26(3) activity tables, ATT-style export/import tables, trend, flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir

from torturefree.records import counting as rules
from torturefree.records.counting import COUNTED_AS, Tables
from torturefree.vocabulary import Activity

TREND_YEARS = 5
_DECISION_COLUMNS = ("applications", *COUNTED_AS)


@dataclass
class ReportTable:
    """One table of the report: a name for machines, a title for readers, rows as dicts."""

    name: str
    title: str
    columns: list[str]
    rows: list[dict[str, Any]]


@dataclass
class AnnualReport:
    year: int
    public: bool
    meta: dict[str, Any]
    tables: list[ReportTable] = field(default_factory=list)

    def table(self, name: str) -> ReportTable:
        return next(table for table in self.tables if table.name == name)

    def as_json(self) -> dict[str, Any]:
        return {
            **self.meta,
            "tables": {table.name: table.rows for table in self.tables},
        }


def build_annual(t: Tables, year: int, *, public: bool = False) -> AnnualReport:
    """Run every counting rule for a year; the public version first drops sensitive rows."""
    backend = t.backend or ibis.duckdb.connect()
    full = t
    view = rules.public_view(t) if public else t

    def rows(expr: ir.Table) -> list[dict[str, Any]]:
        return [_clean(row) for row in backend.to_pyarrow(expr).to_pylist()]

    report = AnnualReport(year, public, _meta(backend, full, year, public))
    report.tables = [
        ReportTable(
            "decisions",
            "Applications and decisions by activity (Art. 26(3))",
            ["activity", *_DECISION_COLUMNS],
            rows(decisions_by(view, year, ["activity"])),
        ),
        ReportTable(
            "goods",
            "Goods concerned: applications and decisions by category and entry",
            ["activity", "category", "entry_id", *_DECISION_COLUMNS],
            rows(decisions_by(view, year, ["activity", "category", "entry_id"])),
        ),
        ReportTable(
            "countries",
            "Countries concerned: applications and decisions by partner",
            ["activity", "partner", *_DECISION_COLUMNS],
            rows(decisions_by(view, year, ["activity", "partner"])),
        ),
        ReportTable(
            "att_export",
            "Exports, authorised and actual (ATT template layout)",
            _ATT_COLUMNS,
            rows(att_table(view, year, Activity.EXPORT)),
        ),
        ReportTable(
            "att_import",
            "Imports, authorised and actual (ATT template layout)",
            _ATT_COLUMNS,
            rows(att_table(view, year, Activity.IMPORT)),
        ),
        ReportTable(
            "end_use",
            "End-user categories and end uses of authorised goods (seed ¶110)",
            _END_USE_COLUMNS,
            rows(end_use_table(view, year)),
        ),
        ReportTable(
            "trend",
            f"Decisions over {TREND_YEARS} years",
            ["year", "applications", "granted", "refused", "refused_national_ban"],
            trend_rows(view, year, rows),
        ),
    ]
    report.meta["nil_report"] = {
        "export": not report.table("att_export").rows,
        "import": not report.table("att_import").rows,
    }
    return report


def _meta(backend: Any, t: Tables, year: int, public: bool) -> dict[str, Any]:
    states = backend.to_pyarrow(t.application.select("reporting_state").distinct())
    hidden = int(backend.to_pyarrow(rules.sensitive_applications(t, year)).as_py() or 0)
    withheld = public and hidden > 0
    return {
        "report": "annual",
        "year": year,
        "reporting_states": sorted(states.column(0).to_pylist()),
        "public": public,
        "generated_on": dt.date.today().isoformat(),
        "basis": ["authorised", "actual"],
        "withheld": withheld,
        "withheld_note": (
            "Information whose disclosure the state considers contrary to its essential security "
            "interests or commercially sensitive has been withheld (Regulation (EU) 2019/125 "
            "Art. 26(3); Arms Trade Treaty Art. 13(3))."
            if withheld
            else None
        ),
        "sensitive_applications": None if public else hidden,
        "counting_rules": rule_descriptions(),
    }


def decisions_by(t: Tables, year: int, keys: list[str]) -> ir.Table:
    """Applications received and decisions taken in the year, counted per group of `keys`."""
    lines = rules.with_partner(rules.lines_as_applied(t), t.application)
    received = rules.applications_received(t, year).select("application_id")
    apps = lines.semi_join(received, "application_id")
    applied = apps.group_by(keys).aggregate(applications=apps.application_id.nunique())
    decided = rules.counted_decisions(t, year).select("decision_id", "application_id", "counted_as")
    d = lines.join(decided, "application_id")
    counts = {name: d.decision_id.nunique(where=d.counted_as == name) for name in COUNTED_AS}
    decisions = d.group_by(keys).aggregate(**counts)
    joined = applied.outer_join(decisions, keys)
    merged = {key: ibis.coalesce(joined[key], joined[f"{key}_right"]) for key in keys}
    zeroed = {name: joined[name].fill_null(0) for name in _DECISION_COLUMNS}
    return joined.select(**merged, **zeroed).order_by(keys)


_ATT_COLUMNS = [
    "basis",
    "category",
    "partner",
    "unit",
    "number_of_items",
    "value",
    "currency",
    "licences",
]


def att_table(t: Tables, year: int, direction: Activity) -> ir.Table:
    """ATT Art. 13(3) layout: category x partner, authorised and actual side by side."""
    both = (
        rules.authorised_lines(t, year)
        .select(*_ATT_KEYS, "quantity", "value", "application_id", "activity")
        .union(
            rules.actual_lines(t, year).select(
                *_ATT_KEYS, "quantity", "value", "application_id", "activity"
            )
        )
    )
    mine = both.filter(both.activity == direction.value)
    return (
        mine.group_by(_ATT_KEYS)
        .aggregate(
            number_of_items=mine.quantity.sum(),
            value=mine.value.sum().round(2),
            licences=mine.application_id.nunique(),
        )
        .select(*_ATT_COLUMNS)
        .order_by(["basis", "category", "partner", "unit", "currency"])
    )


_ATT_KEYS = ["basis", "category", "partner", "unit", "currency"]
_END_USE_COLUMNS = ["activity", "end_user_category", "end_use", "licences", "value", "currency"]


def end_use_table(t: Tables, year: int) -> ir.Table:
    """Authorised goods by end-user category and declared end use (seed ¶110)."""
    lines = rules.authorised_lines(t, year)
    keys = ["activity", "end_user_category", "end_use", "currency"]
    return (
        lines.group_by(keys)
        .aggregate(licences=lines.application_id.nunique(), value=lines.value.sum().round(2))
        .select(*_END_USE_COLUMNS)
        .order_by(keys)
    )


def trend_rows(t: Tables, year: int, rows: Any) -> list[dict[str, Any]]:
    """The same counting rules applied to each of the last TREND_YEARS years."""
    result = []
    for each in range(year - TREND_YEARS + 1, year + 1):
        d = rules.counted_decisions(t, each)
        counts = {
            name: d.decision_id.nunique(where=d.counted_as == name)
            for name in ("granted", "refused", "refused_national_ban")
        }
        received = rules.applications_received(t, each).application_id.nunique()
        row = rows(d.aggregate(**counts))[0]
        result.append({"year": each, "applications": rows_scalar(received, rows), **row})
    return result


def rows_scalar(expr: ir.Scalar, rows: Any) -> int:
    return int(rows(expr.name("n").as_table())[0]["n"])


def rule_descriptions() -> list[dict[str, str]]:
    """The counting rules, by name, with the first line of their documentation."""
    names = [
        "applications_received",
        "decisions_in_year",
        "counted_decisions",
        "lines_as_applied",
        "lines_in_force",
        "authorised_lines",
        "shipments_in_year",
        "actual_lines",
        "public_view",
    ]
    return [
        {"rule": name, "meaning": (getattr(rules, name).__doc__ or "").strip().splitlines()[0]}
        for name in names
    ]


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in row.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
