"""The hub's overview of the states' annual reports (issue 14 item 5, seed ¶111).

Each participating state files the public version of its annual report (`torturefree report
annual --format json --public`, this package's `AnnualReport.as_json`). `check_filed` accepts
only that: an annual report, public, for one year, by the state filing it. `overview` puts the
reports of a year together: who reported (a nil report — no export and no import in the year —
counts as a report and is marked), who did not, and sums by activity, by category of goods, by
region of the partner country (UN M49, data/countries/countries.csv) and by year (the reports'
five-year trend).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torturefree.errors import InputError

DECISIONS = ("applications", "granted", "refused", "refused_national_ban")
OTHER_REGION = "Unknown"


@dataclass(frozen=True)
class Filed:
    """A state's public annual report, as the hub keeps it."""

    state: str
    year: int
    document: Mapping[str, Any]

    @property
    def nil(self) -> bool:
        nil = self.document.get("nil_report") or {}
        return bool(nil.get("export")) and bool(nil.get("import"))


def check_filed(document: Any, state: str) -> Filed:
    """The report, when it is a public annual report of `state`; else InputError naming why."""
    if not isinstance(document, dict) or document.get("report") != "annual":
        raise InputError("not an annual report (report: annual)", field="report")
    if document.get("public") is not True:
        raise InputError(
            "only the public version is filed (report annual --public)", field="public"
        )
    year = document.get("year")
    if not isinstance(year, int) or not 1900 <= year <= 9999:
        raise InputError("a four-digit year is needed", field="year")
    others = sorted(set(document.get("reporting_states") or []) - {state})
    if others:
        raise InputError(
            f"the report is by {', '.join(others)}, not {state}", field="reporting_states"
        )
    if not isinstance(document.get("tables"), dict):
        raise InputError("the report has no tables", field="tables")
    return Filed(state, year, document)


def regions(root: Path) -> dict[str, str]:
    """ISO alpha-2 code → UN M49 region name."""
    with (root / "countries" / "countries.csv").open(encoding="utf-8", newline="") as stream:
        return {row["alpha2"]: row["region_name"] or OTHER_REGION for row in csv.DictReader(stream)}


def _add(
    into: dict[str, dict[str, float]], key: str, row: Mapping[str, Any], fields: Iterable[str]
) -> None:
    sums = into.setdefault(key, {})
    for name in fields:
        sums[name] = sums.get(name, 0) + (row.get(name) or 0)


def _sorted(table: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    return [{"key": key, **values} for key, values in sorted(table.items())]


def overview(
    year: int, filed: Sequence[Filed], participants: Sequence[str], region_of: Mapping[str, str]
) -> dict[str, Any]:
    """The year's reports together (only reports of `year`; the latest per state is passed)."""
    mine = [f for f in filed if f.year == year]
    activity: dict[str, dict[str, float]] = {}
    category: dict[str, dict[str, float]] = {}
    region: dict[str, dict[str, float]] = {}
    trend: dict[str, dict[str, float]] = {}
    for report in mine:
        tables = report.document["tables"]
        for row in tables.get("decisions", []):
            _add(activity, str(row["activity"]), row, DECISIONS)
        for row in tables.get("countries", []):
            _add(region, region_of.get(str(row["partner"]), OTHER_REGION), row, DECISIONS)
        for direction in ("att_export", "att_import"):
            for row in tables.get(direction, []):
                if row.get("basis") == "authorised":
                    _add(category, str(row["category"]), row, ("licences",))
        for row in tables.get("trend", []):
            _add(trend, str(row["year"]), row, DECISIONS)
    reported = {f.state for f in mine}
    return {
        "year": year,
        "reported": [{"state": f.state, "nil": f.nil} for f in sorted(mine, key=lambda f: f.state)],
        "not_reported": sorted(set(participants) - reported),
        "nil_reports": sum(1 for f in mine if f.nil),
        "by_activity": _sorted(activity),
        "by_category": _sorted(category),
        "by_region": _sorted(region),
        "by_year": _sorted(trend),
    }
