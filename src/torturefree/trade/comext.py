"""Eurostat Comext bulk files (CN8, values in euros): DECLARANT_ISO, PARTNER_ISO, PRODUCT_NC …"""

from __future__ import annotations

from pathlib import Path

from torturefree.trade.params import Parameters
from torturefree.trade.places import Places, Where
from torturefree.trade.rows import Rows, code_of, csv_records, integer, number

REQUIRED = ("DECLARANT_ISO", "PARTNER_ISO", "PRODUCT_NC", "FLOW", "PERIOD", "VALUE_IN_EUROS")
# Comext FLOW: 1 = import, 2 = export.
FLOWS = {"1": "M", "2": "X"}
# PERIOD YYYY52 is Comext's annual total; YYYYMM a month.
ANNUAL_MONTH = 52


def read_comext(path: Path, places: Places, parameters: Parameters) -> Rows:
    rows = Rows(file=path.name, source="comext")
    for line, record in csv_records(path, REQUIRED):
        _row(rows, record, line, places, parameters, str(path))
    return rows


def _row(
    rows: Rows, r: dict[str, str], line: int, places: Places, p: Parameters, source: str
) -> None:
    def at(name: str) -> Where:
        return Where(source, line, name)

    product = r["PRODUCT_NC"].strip()
    if not product.isdigit():
        rows.skip("aggregate product (TOTAL or a chapter total)")
        return
    flow = FLOWS.get(r["FLOW"].strip())
    if flow is None:
        raise at("FLOW").error(f"unknown flow '{r['FLOW']}' (1 import, 2 export)")
    reporter, _ = places.comext_code(r["DECLARANT_ISO"], where=at("DECLARANT_ISO"))
    partner, kind = places.comext_code(r["PARTNER_ISO"], where=at("PARTNER_ISO"))
    year, period = _period(r["PERIOD"], at("PERIOD"))
    euros = number(r["VALUE_IN_EUROS"], at("VALUE_IN_EUROS"), required=True)
    rate = p.usd_per("EUR", year, field="PERIOD")
    code = code_of(product, at("PRODUCT_NC"))
    unit = (r.get("SUPP_UNIT") or "").strip()
    rows.add(
        line,
        classification="CN",
        flow=flow,
        reporter=reporter,
        partner=partner,
        partner_kind=kind,
        code=code,
        level=len(code),
        year=year,
        period=period,
        value_usd=None if euros is None else round(euros * rate, 2),
        value_original=euros,
        currency="EUR",
        net_weight_kg=number(r.get("QUANTITY_IN_KG"), at("QUANTITY_IN_KG")),
        quantity=number(r.get("SUP_QUANTITY"), at("SUP_QUANTITY")) if unit else None,
        quantity_unit=unit or None,
    )


def _period(text: str, where: Where) -> tuple[int, int]:
    period = integer(text, where)
    year, month = divmod(period, 100)
    if month == ANNUAL_MONTH:
        return year, year
    if 1900 <= year <= 2100 and 1 <= month <= 12:
        return year, period
    raise where.error(f"'{text}' is not a Comext period (YYYYMM, or YYYY52 for the year)")
