"""Countries as the risk package keys them: ISO alpha-2, with alpha-3, UN M49 code and M49 region.

The table is derived from the OCHA HDX "Countries & Territories Taxonomy" (MIT) and shipped in
data/countries/; aliases map the legacy or mistaken codes the evidence datasets use.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml

from torturefree.errors import InputError
from torturefree.paths import data_dir

TABLE_FILE = "countries/countries.csv"
ALIASES_FILE = "countries/aliases.yaml"
COLUMNS = (
    "alpha2",
    "alpha3",
    "m49",
    "name",
    "region_code",
    "region_name",
    "sub_region_code",
    "sub_region_name",
)


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    m49: int | None
    name: str
    region_code: int | None
    region_name: str
    sub_region_code: int | None
    sub_region_name: str


@dataclass(frozen=True)
class CountryTable:
    """Look countries up by any code the datasets use, resolving known aliases."""

    by_alpha2: dict[str, Country]
    aliases: dict[str, str]

    def get(self, code: str) -> Country | None:
        """A country by alpha-2, alpha-3 or an alias of either."""
        code = self.aliases.get(code.strip().upper(), code.strip().upper())
        if len(code) == 2:
            return self.by_alpha2.get(code)
        return self._by_alpha3().get(code)

    def by_m49(self, number: int) -> Country | None:
        return self._by_m49().get(number)

    def by_name(self, name: str) -> Country | None:
        wanted = _fold(name)
        return next((c for c in self.by_alpha2.values() if _fold(c.name) == wanted), None)

    def require(self, code: str, *, field: str, line: int | None = None) -> Country:
        """The country for a user-given code, or bad input naming the field and line."""
        country = self.get(code)
        if country is None:
            raise InputError(f"unknown country code '{code}'", field=field, line=line)
        return country

    def _by_alpha3(self) -> dict[str, Country]:
        return {c.alpha3: c for c in self.by_alpha2.values()}

    def _by_m49(self) -> dict[int, Country]:
        return {c.m49: c for c in self.by_alpha2.values() if c.m49 is not None}


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace(",", " ").split())


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


def load_countries(root: Path | None = None) -> CountryTable:
    """The shipped country table and aliases under data/ (or $TORTUREFREE_DATA)."""
    base = root or data_dir()
    table_path = base / TABLE_FILE
    if not table_path.exists():
        raise InputError("country table missing", source=str(table_path))
    with table_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    countries = {r["alpha2"]: _row_country(r) for r in rows}
    return CountryTable(countries, _load_aliases(base / ALIASES_FILE))


def _row_country(row: dict[str, str]) -> Country:
    return Country(
        alpha2=row["alpha2"],
        alpha3=row["alpha3"],
        m49=_int_or_none(row["m49"]),
        name=row["name"],
        region_code=_int_or_none(row["region_code"]),
        region_name=row["region_name"],
        sub_region_code=_int_or_none(row["sub_region_code"]),
        sub_region_name=row["sub_region_name"],
    )


def _load_aliases(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(a["code"]).upper(): str(a["means"]).upper() for a in document.get("aliases", [])}


def derive_from_hdx(path: Path) -> list[Country]:
    """Read the HDX taxonomy CSV; Kosovo's user-assigned XK/XKX sit in its 'x Alpha' columns."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 ({error.reason})", source=str(path)) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = {"ISO 3166-1 Alpha 2-Codes", "m49 numerical code", "Region Code"} - set(
        reader.fieldnames or []
    )
    if missing:
        raise InputError(f"not an HDX taxonomy file, missing {sorted(missing)}", source=str(path))
    countries = [c for row in reader if (c := _hdx_country(row)) is not None]
    return sorted(countries, key=lambda c: c.alpha2)


def _hdx_country(row: dict[str, str]) -> Country | None:
    alpha2 = row["ISO 3166-1 Alpha 2-Codes"] or row["x Alpha2 codes"]
    if not alpha2 or row["Deprecated"] == "Y":
        return None
    return Country(
        alpha2=alpha2,
        alpha3=row["ISO 3166-1 Alpha 3-Codes"] or row["x Alpha3 codes"],
        m49=_int_or_none(row["m49 numerical code"]),
        name=row["English Short"] or row["Preferred Term"],
        region_code=_int_or_none(row["Region Code"]),
        region_name=row["Region Name"],
        sub_region_code=_int_or_none(row["Sub-region Code"]),
        sub_region_name=row["Sub-region Name"],
    )


def write_table(countries: list[Country], out: Path) -> None:
    """Write the derived table in the shipped format (stable order, LF endings)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for c in countries:
            writer.writerow(
                [
                    c.alpha2,
                    c.alpha3,
                    "" if c.m49 is None else c.m49,
                    c.name,
                    "" if c.region_code is None else c.region_code,
                    c.region_name,
                    "" if c.sub_region_code is None else c.sub_region_code,
                    c.sub_region_name,
                ]
            )
