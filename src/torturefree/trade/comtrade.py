"""UN Comtrade: the API's JSON and the bulk files (tab or comma separated, new or legacy headers)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.trade.places import Places, Where
from torturefree.trade.rows import Rows, code_of, flow_of, integer, number, year_period

# Legacy bulk CSV headers (comtrade.un.org before 2023) -> the API's field names.
LEGACY = {
    "Classification": "classificationCode",
    "Period": "period",
    "Aggregate Level": "aggrLevel",
    "Trade Flow Code": "flowCode",
    "Reporter Code": "reporterCode",
    "Reporter ISO": "reporterISO",
    "Partner Code": "partnerCode",
    "Partner ISO": "partnerISO",
    "Commodity Code": "cmdCode",
    "Qty Unit": "qtyUnitAbbr",
    "Qty": "qty",
    "Netweight (kg)": "netWgt",
    "Trade Value (US$)": "primaryValue",
    "CIF Trade Value (US$)": "cifvalue",
    "FOB Trade Value (US$)": "fobvalue",
}
LEGACY_FLOWS = {"1": "M", "2": "X", "3": "RX", "4": "RM"}
REQUIRED = ("period", "flowCode", "reporterCode", "partnerCode", "cmdCode", "primaryValue")
# Comtrade's aggregates: not goods, and summing them with their parts would count twice.
AGGREGATE_CODES = {"TOTAL", "AG2", "AG4", "AG6"}
MISSING_UNITS = {"", "N/A", "-1"}


def read_comtrade(path: Path, places: Places) -> Rows:
    """Read a Comtrade file: `.json` as the API's answer, anything else as a bulk file."""
    rows = Rows(file=path.name, source="comtrade")
    json_answer = path.suffix.lower() == ".json"
    records = _json_records(path) if json_answer else _csv_records(path)
    for line, record in records:
        _row(rows, record, line, places, str(path))
    return rows


def _json_records(path: Path) -> Iterable[tuple[int, Mapping[str, Any]]]:
    try:
        answer = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not the Comtrade API's JSON ({error})", source=str(path)) from error
    data = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(data, list):
        raise InputError(
            "no 'data' list (the Comtrade API's answer)", field="data", source=str(path)
        )
    # A JSON answer has no lines: the position in 'data' (from 1) stands in for one.
    return ((index, record) for index, record in enumerate(data, start=1))


def _csv_records(path: Path) -> Iterable[tuple[int, Mapping[str, Any]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        head = handle.readline()
        handle.seek(0)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read ({error})", source=str(path)) from error
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    reader = csv.DictReader(handle, delimiter=delimiter)
    names = reader.fieldnames or []
    legacy = "Trade Flow Code" in names
    needed = [old for old, new in LEGACY.items() if new in REQUIRED] if legacy else REQUIRED
    missing = [name for name in needed if name not in names]
    if missing:
        raise InputError(f"missing columns {missing}", field=missing[0], line=1, source=str(path))
    with handle:
        for record in reader:
            yield reader.line_num, (_from_legacy(record) if legacy else record)


def _from_legacy(record: Mapping[str, str]) -> dict[str, Any]:
    out = {new: record.get(old, "") for old, new in LEGACY.items()}
    out["flowCode"] = LEGACY_FLOWS.get(out["flowCode"], out["flowCode"])
    return out


def _row(rows: Rows, r: Mapping[str, Any], line: int, places: Places, source: str) -> None:
    def at(name: str) -> Where:
        return Where(source, line, name)

    for name in REQUIRED:
        if r.get(name) in (None, ""):
            raise at(name).error("missing value")
    code_text = str(r["cmdCode"]).strip()
    if code_text.upper() in AGGREGATE_CODES or str(r.get("isAggregate", "")).lower() == "true":
        rows.skip("aggregate code (TOTAL/AGn)")
        return
    reporter, kind = places.numeric(
        integer(r["reporterCode"], at("reporterCode")),
        _text(r, "reporterISO"),
        where=at("reporterCode"),
    )
    if kind != "country":
        raise at("reporterCode").error(f"reporter must be a country, not '{kind}'")
    partner, partner_kind = places.numeric(
        integer(r["partnerCode"], at("partnerCode")),
        _text(r, "partnerISO"),
        where=at("partnerCode"),
    )
    code = code_of(code_text, at("cmdCode"))
    year, period = year_period(r["period"], at("period"))
    quantity, unit = _quantity(r, at)
    rows.add(
        line,
        classification=_text(r, "classificationCode") or "HS",
        flow=flow_of(str(r["flowCode"]), at("flowCode")),
        reporter=reporter,
        partner=partner,
        partner_kind=partner_kind,
        code=code,
        level=len(code),
        year=year,
        period=period,
        value_usd=number(r["primaryValue"], at("primaryValue"), required=True),
        cif_usd=number(r.get("cifvalue"), at("cifvalue")),
        fob_usd=number(r.get("fobvalue"), at("fobvalue")),
        net_weight_kg=number(r.get("netWgt"), at("netWgt")),
        quantity=quantity,
        quantity_unit=unit,
    )


def _quantity(r: Mapping[str, Any], at: Any) -> tuple[float | None, str | None]:
    """No unit (N/A, code -1) means no quantity: Comtrade then writes 0, which is not a count."""
    unit = _text(r, "qtyUnitAbbr") or ""
    if unit in MISSING_UNITS or str(r.get("qtyUnitCode", "")).strip() == "-1":
        return None, None
    return number(r.get("qty"), at("qty")), unit


def _text(r: Mapping[str, Any], name: str) -> str | None:
    value = r.get(name)
    return None if value is None or str(value).strip() == "" else str(value).strip()
