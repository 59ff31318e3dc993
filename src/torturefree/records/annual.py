"""The annual report: Art. 26(3) activity tables, ATT-style export/import tables, trend, flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir

from torturefree.records import counting as rules
from torturefree.records.counting import COUNTED_AS, Tables
from torturefree.records.year import YearData
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
    view = (t.public or rules.public_view(t)) if public else t

    def rows(expr: ir.Table) -> list[dict[str, Any]]:
        return [_clean(row) for row in backend.to_pyarrow(expr).to_pylist()]

    report = AnnualReport(year, public, _meta(backend, t, year, public))
    with YearData.of(view, year) as data:
        report.tables = _tables(data, rows)
    report.tables.append(
        ReportTable(
            "trend",
            f"Decisions over {TREND_YEARS} years",
            ["year", "applications", "granted", "refused", "refused_national_ban"],
            trend_rows(view, year, rows),
        )
    )
    report.meta["nil_report"] = {
        "export": not report.table("att_export").rows,
        "import": not report.table("att_import").rows,
    }
    return report


def _tables(data: YearData, rows: Any) -> list[ReportTable]:
    att = rows(att_table(data.authorised, data.actual))
    return [
        ReportTable(
            "decisions",
            "Applications and decisions by activity (Art. 26(3))",
            ["activity", *_DECISION_COLUMNS],
            rows(decisions_by(data, ["activity"])),
        ),
        ReportTable(
            "goods",
            "Goods concerned: applications and decisions by category and entry",
            ["activity", "category", "entry_id", *_DECISION_COLUMNS],
            rows(decisions_by(data, ["activity", "category", "entry_id"])),
        ),
        ReportTable(
            "countries",
            "Countries concerned: applications and decisions by partner",
            ["activity", "partner", *_DECISION_COLUMNS],
            rows(decisions_by(data, ["activity", "partner"])),
        ),
        ReportTable(
            "att_export",
            "Exports, authorised and actual (ATT template layout)",
            _ATT_COLUMNS,
            _direction(att, Activity.EXPORT),
        ),
        ReportTable(
            "att_import",
            "Imports, authorised and actual (ATT template layout)",
            _ATT_COLUMNS,
            _direction(att, Activity.IMPORT),
        ),
        ReportTable(
            "end_use",
            "End-user categories and end uses of authorised goods "
            "(UN Group of Governmental Experts on torture-free trade, 2022, para. 110)",
            _END_USE_COLUMNS,
            rows(end_use_table(data.authorised)),
        ),
    ]


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


def decisions_by(data: YearData, keys: list[str]) -> ir.Table:
    """Applications received and decisions taken in the year, counted per group of `keys`."""
    lines = data.lines
    apps = lines.semi_join(data.received, "application_id")
    applied = apps.group_by(keys).aggregate(applications=apps.application_id.nunique())
    d = lines.join(data.decided, "application_id")
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


def att_table(authorised: ir.Table, actual: ir.Table) -> ir.Table:
    """ATT Art. 13(3) layout: category x partner, authorised and actual side by side.

    Both directions in one query; `_direction` splits the (small) result.
    """
    columns = [*_ATT_KEYS, "quantity", "value", "application_id", "activity"]
    both = authorised.select(*columns).union(actual.select(*columns))
    keys = ["activity", *_ATT_KEYS]
    return (
        both.group_by(keys)
        .aggregate(
            number_of_items=both.quantity.sum(),
            value=both.value.sum().round(2),
            licences=both.application_id.nunique(),
        )
        .select("activity", *_ATT_COLUMNS)
        .order_by(["activity", "basis", "category", "partner", "unit", "currency"])
    )


def _direction(rows: list[dict[str, Any]], direction: Activity) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in row.items() if key != "activity"}
        for row in rows
        if row["activity"] == direction.value
    ]


_ATT_KEYS = ["basis", "category", "partner", "unit", "currency"]
_END_USE_COLUMNS = ["activity", "end_user_category", "end_use", "licences", "value", "currency"]


def end_use_table(authorised: ir.Table) -> ir.Table:
    """Authorised goods by end-user category and declared end use (seed ¶110)."""
    keys = ["activity", "end_user_category", "end_use", "currency"]
    return (
        authorised.group_by(keys)
        .aggregate(
            licences=authorised.application_id.nunique(), value=authorised.value.sum().round(2)
        )
        .select(*_END_USE_COLUMNS)
        .order_by(keys)
    )


_TREND_COUNTS = ("granted", "refused", "refused_national_ban")


def trend_rows(t: Tables, year: int, rows: Any) -> list[dict[str, Any]]:
    """The same counting rules applied to each of the last TREND_YEARS years (two queries)."""
    years = range(year - TREND_YEARS + 1, year + 1)
    d = ibis.union(*(rules.counted_decisions(t, each).mutate(year=each) for each in years))
    counts = {name: d.decision_id.nunique(where=d.counted_as == name) for name in _TREND_COUNTS}
    received = ibis.union(
        *(rules.applications_received(t, each).mutate(year=each) for each in years)
    )
    applied = received.group_by("year").aggregate(applications=received.application_id.nunique())
    by_year = {row["year"]: row for row in rows(d.group_by("year").aggregate(**counts))}
    applications = {row["year"]: row["applications"] for row in rows(applied)}
    return [
        {
            "year": each,
            "applications": applications.get(each, 0),
            **{name: by_year.get(each, {}).get(name, 0) for name in _TREND_COUNTS},
        }
        for each in years
    ]


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
