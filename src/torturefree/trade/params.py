"""The cited parameters and code tables of trade monitoring (data/trade/*.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from torturefree.errors import InputError
from torturefree.paths import data_dir

PARAMETERS_FILE = "trade/parameters.yaml"
PARTNERS_FILE = "trade/partners.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    title: str = Field(min_length=3)
    href: str | None = None
    verified: bool = True
    note: str | None = None


class ParameterVersion(_Strict):
    valid_from: dt.date
    valid_until: dt.date | None = None
    value: float
    unit: str
    citation: Citation


class Parameter(_Strict):
    description: str
    versions: list[ParameterVersion] = Field(min_length=1)


class Rates(_Strict):
    citation: Citation
    usd_per: dict[str, dict[int, float]]


class Instruments(_Strict):
    values: list[str] = Field(min_length=1)
    citation: Citation


class ParametersFile(_Strict):
    parameters: dict[str, Parameter]
    exchange_rates: Rates
    default_instruments: Instruments


class Pseudo(_Strict):
    name: str
    kind: str


class CodeTable(_Strict):
    pseudo: dict[str | int, Pseudo]
    country: dict[str | int, str]


class PartnersFile(_Strict):
    citations: dict[str, Citation]
    comtrade: CodeTable
    comext: CodeTable


@dataclass(frozen=True)
class Used:
    """One parameter as used in a figure or flag: its value and where it comes from."""

    name: str
    value: float
    unit: str
    valid_from: dt.date
    citation: str
    verified: bool

    def cite(self) -> dict[str, Any]:
        return {
            "parameter": self.name,
            "value": self.value,
            "unit": self.unit,
            "valid_from": self.valid_from.isoformat(),
            "citation": self.citation,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class Parameters:
    """All trade parameters; `get(name, on)` picks the version in force on a date."""

    source: ParametersFile
    partners: PartnersFile
    path: Path

    def get(self, name: str, on: dt.date | None = None) -> Used:
        parameter = self.source.parameters.get(name)
        if parameter is None:
            raise KeyError(f"no trade parameter '{name}' in {self.path}")
        day = on or dt.date.today()
        for version in sorted(parameter.versions, key=lambda v: v.valid_from, reverse=True):
            if version.valid_from <= day and (
                version.valid_until is None or day <= version.valid_until
            ):
                c = version.citation
                return Used(
                    name, version.value, version.unit, version.valid_from, c.title, c.verified
                )
        raise KeyError(f"trade parameter '{name}' has no version in force on {day}")

    def value(self, name: str, on: dt.date | None = None) -> float:
        return self.get(name, on).value

    def usd_per(self, currency: str, year: int, *, field: str = "currency") -> float:
        """USD per unit of `currency` in a year (annual average); USD itself is 1."""
        if currency == "USD":
            return 1.0
        rates = self.source.exchange_rates.usd_per.get(currency, {})
        if year not in rates:
            raise InputError(
                f"no {currency}/USD rate for {year} in data/{PARAMETERS_FILE}", field=field
            )
        return rates[year]

    def rate_citation(self) -> str:
        return self.source.exchange_rates.citation.title


def load_parameters(root: Path | None = None) -> Parameters:
    base = root or data_dir()
    path = base / PARAMETERS_FILE
    source = ParametersFile.model_validate(_read(path))
    partners = PartnersFile.model_validate(_read(base / PARTNERS_FILE))
    return Parameters(source, partners, path)


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read ({error.strerror})", source=str(path)) from error
