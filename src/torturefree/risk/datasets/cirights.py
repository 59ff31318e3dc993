"""CIRIGHTS: the torture score (0 frequent, 1 occasional, 2 none) and the physical integrity sum."""

from __future__ import annotations

from pathlib import Path

from torturefree.errors import InputError
from torturefree.risk.countries import Country, CountryTable
from torturefree.risk.datasets import Parsed
from torturefree.risk.datasets.tabular import number, rows
from torturefree.risk.model import Fact
from torturefree.risk.textio import decode_utf8, read_bytes

DATASET = "cirights"
SCORES = {"tort": "cirights_torture", "physint_sum": "cirights_physical_integrity"}
REQUIRED = {"country", "iso_a3", "year", "unctry", *SCORES}


def parse(path: Path, countries: CountryTable) -> Parsed:
    source = str(path)
    parsed = Parsed()
    for line, row in rows(decode_utf8(read_bytes(path), source), REQUIRED, source):
        country = _country(row, countries)
        if country is None:
            parsed.skipped.add(f"{row['country']} ({row['unctry']})")
            continue
        parsed.facts.extend(_facts(row, country, line, source))
    return parsed


def _country(row: dict[str, str], countries: CountryTable) -> Country | None:
    """Join on the M49 number: iso_a3 is blank for Serbia, Kosovo and South Sudan.

    Kosovo has no M49 number; its rows carry none or 383, so the name places it.
    """
    code = row["unctry"]
    by_number = countries.by_m49(int(code)) if code.isdigit() else None
    by_code = countries.get(row["iso_a3"]) if row["iso_a3"] else None
    return by_number or by_code or countries.by_name(row["country"])


def _facts(row: dict[str, str], country: Country, line: int, source: str) -> list[Fact]:
    if not row["year"].isdigit():
        raise InputError("not a year", field="year", line=line, source=source)
    facts = []
    for column, indicator in SCORES.items():
        try:
            value = number(row[column], frozenset({""}))
        except ValueError as error:
            raise InputError("not a number", field=column, line=line, source=source) from error
        if value is not None:
            facts.append(
                Fact(
                    dataset=DATASET,
                    country=country.alpha2,
                    year=int(row["year"]),
                    indicator=indicator,
                    value=value,
                    raw=row[column],
                )
            )
    return facts
