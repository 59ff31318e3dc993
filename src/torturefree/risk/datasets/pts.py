"""Political Terror Scale: levels 1-5 coded from Amnesty, HRW and US State Department reports."""

from __future__ import annotations

from pathlib import Path

from torturefree.errors import InputError
from torturefree.risk.countries import Country, CountryTable
from torturefree.risk.datasets import Parsed
from torturefree.risk.datasets.tabular import number, rows
from torturefree.risk.model import Fact
from torturefree.risk.textio import decode_utf8_or_latin1, read_bytes

DATASET = "pts"
SCORES = {"PTS_A": "pts_amnesty", "PTS_H": "pts_hrw", "PTS_S": "pts_state_department"}
REQUIRED = {"Country", "Year", "WordBank_Code_A", "UN_Code_N", *SCORES}


def parse(path: Path, countries: CountryTable) -> Parsed:
    source = str(path)
    text, encoding = decode_utf8_or_latin1(read_bytes(path))
    parsed = Parsed()
    if encoding == "latin-1":
        parsed.quirks.append("file is Latin-1 encoded (read as such)")
    for line, row in rows(text, REQUIRED, source):
        country = _country(row, countries)
        if country is None:
            parsed.skipped.add(f"{row['Country']} ({row['UN_Code_N']})")
            continue
        parsed.facts.extend(_facts(row, country, line, source))
    return parsed


def _country(row: dict[str, str], countries: CountryTable) -> Country | None:
    """Join on the M49 number: the World Bank codes include legacy ones (ROM, ADO, TMP, ZAR)."""
    code = row["UN_Code_N"]
    by_number = countries.by_m49(int(code)) if code.isdigit() else None
    return by_number or countries.get(row["WordBank_Code_A"])


def _facts(row: dict[str, str], country: Country, line: int, source: str) -> list[Fact]:
    if not row["Year"].isdigit():
        raise InputError("not a year", field="Year", line=line, source=source)
    facts = []
    for column, indicator in SCORES.items():
        try:
            value = number(row[column])
        except ValueError as error:
            raise InputError(
                "not a number or NA", field=column, line=line, source=source
            ) from error
        if value is not None:
            facts.append(
                Fact(
                    dataset=DATASET,
                    country=country.alpha2,
                    year=int(row["Year"]),
                    indicator=indicator,
                    value=value,
                    raw=row[column],
                )
            )
    return facts
