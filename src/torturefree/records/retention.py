"""How long ledger payloads must be kept, read from data/parameters/records-retention.yaml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from torturefree.errors import InputError
from torturefree.paths import data_dir

PARAMETER_FILE = Path("parameters") / "records-retention.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    title: Annotated[str, Field(min_length=3)]
    href: str | None = None
    verified: bool = True
    note: str | None = None


class RetentionVersion(_Strict):
    valid_from: dt.date
    valid_until: dt.date | None = None
    value: Annotated[int, Field(gt=0)]
    citation: Citation
    supporting: list[Citation] = []


class RetentionParameter(_Strict):
    id: str
    title: str
    unit: str
    counted_from: str
    versions: Annotated[list[RetentionVersion], Field(min_length=1)]

    def in_force(self, on: dt.date) -> RetentionVersion:
        """The version in force on a date; the law at the time of deletion decides."""
        for version in self.versions:
            if version.valid_from <= on and (
                version.valid_until is None or on <= version.valid_until
            ):
                return version
        raise InputError(f"no retention period in force on {on.isoformat()}", field="date")


class RetentionPolicy:
    """Keep at least N years after the later of expiry and the subject's last event."""

    def __init__(self, years: int, citation: Citation) -> None:
        self.years = years
        self.citation = citation

    @classmethod
    def load(cls, on: dt.date | None = None, path: Path | None = None) -> RetentionPolicy:
        parameter = load_parameter(path)
        version = parameter.in_force(on or dt.date.today())
        return cls(version.value, version.citation)

    def keep_until(self, dates: Iterable[dt.date]) -> dt.date:
        """The first day deletion is allowed: the latest date plus the period, to the day."""
        latest = max(dates)
        try:
            return latest.replace(year=latest.year + self.years)
        except ValueError:  # 29 February: at least N years means 1 March.
            return dt.date(latest.year + self.years, 3, 1)


def load_parameter(path: Path | None = None) -> RetentionParameter:
    source = path or data_dir() / PARAMETER_FILE
    try:
        raw: Any = yaml.safe_load(source.read_text(encoding="utf-8"))
        return RetentionParameter.model_validate(raw)
    except FileNotFoundError as error:
        raise InputError("retention parameter file missing", source=str(source)) from error
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise InputError(first["msg"], field=field, source=str(source)) from error
