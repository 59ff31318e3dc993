"""ISO 3166-1 alpha-2 codes known to the data release (data/countries/countries.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from torturefree.lists.errors import DataError


@dataclass(frozen=True)
class Countries:
    names: dict[str, str]

    def known(self, code: str) -> bool:
        return code in self.names

    def name(self, code: str) -> str | None:
        return self.names.get(code)


def load_countries(root: Path) -> Countries:
    path = root / "countries" / "countries.csv"
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            names = {row["alpha2"]: row["name"] for row in csv.DictReader(stream)}
    except FileNotFoundError as error:
        raise DataError(path, "the country table is missing") from error
    except KeyError as error:
        raise DataError(path, f"missing column {error}") from error
    return Countries(names)
