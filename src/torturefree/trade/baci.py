"""CEPII BACI: reconciled bilateral flows (t, i, j, k, v, q), one figure per exporter and importer.

BACI has already reconciled the two sides, so it has no mirror: its rows are stored as the
exporter's exports (flow X), marked source 'baci', and serve the flags, not the asymmetries.
"""

from __future__ import annotations

import csv
from pathlib import Path

from torturefree.trade.places import Places, Where
from torturefree.trade.rows import Rows, code_of, csv_records, integer, number

COLUMNS = ("t", "i", "j", "k", "v")
# BACI's units (CEPII BACI documentation): v in thousands of US dollars, q in metric tons.
VALUE_UNIT_USD = 1000.0
TONNE_KG = 1000.0


def read_baci(path: Path, places: Places, *, classification: str = "H0") -> Rows:
    """Read a BACI CSV; `classification` is the HS revision of the file (BACI HS92 = 'H0')."""
    iso3 = _country_codes(path.parent)
    rows = Rows(file=path.name, source="baci")
    for line, record in csv_records(path, COLUMNS):
        _row(rows, record, line, places, iso3, str(path), classification)
    return rows


def _row(
    rows: Rows,
    r: dict[str, str],
    line: int,
    places: Places,
    iso3: dict[int, str],
    source: str,
    classification: str,
) -> None:
    def at(name: str) -> Where:
        return Where(source, line, name)

    exporter = integer(r["i"], at("i"))
    importer = integer(r["j"], at("j"))
    reporter, _ = places.numeric(exporter, iso3.get(exporter), where=at("i"))
    partner, kind = places.numeric(importer, iso3.get(importer), where=at("j"))
    # BACI writes k as a number, so codes of chapters 01-09 lose their leading zero.
    code = code_of(r["k"].strip().zfill(6), at("k"))
    year = integer(r["t"], at("t"))
    value = number(r["v"], at("v"), required=True)
    tonnes = number(r.get("q"), at("q"))
    rows.add(
        line,
        classification=classification,
        flow="X",
        reporter=reporter,
        partner=partner,
        partner_kind=kind,
        code=code,
        level=len(code),
        year=year,
        period=year,
        value_usd=None if value is None else value * VALUE_UNIT_USD,
        value_original=value,
        currency="kUSD",
        net_weight_kg=None if tonnes is None else tonnes * TONNE_KG,
        quantity=tonnes,
        quantity_unit=None if tonnes is None else "t",
    )


def _country_codes(folder: Path) -> dict[int, str]:
    """BACI ships its own code list (country_codes_V*.csv) beside the data: use it when there."""
    found = sorted(folder.glob("country_codes_V*.csv"))
    if not found:
        return {}
    # The CEPII file is Latin-1 (country names); only the codes are read, so bad bytes may pass.
    with found[-1].open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        return {
            int(row["country_code"]): row["iso_3digit_alpha"]
            for row in csv.DictReader(handle)
            if row.get("country_code", "").strip().isdigit()
        }
