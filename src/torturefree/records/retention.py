"""How long ledger payloads must be kept, read from data/parameters/records-retention.yaml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from torturefree.errors import InputError
from torturefree.lists.errors import DataError
from torturefree.lists.files import load_model
from torturefree.lists.model import Citation, ParameterFile, ParameterVersion
from torturefree.paths import data_dir

PARAMETER_FILE = Path("parameters") / "records-retention.yaml"


@dataclass(frozen=True)
class RetentionParameter:
    """The dated retention period, read with the law-data schema every parameter shares."""

    source: ParameterFile

    def in_force(self, on: dt.date) -> ParameterVersion:
        """The version in force on a date; the law at the time of deletion decides."""
        for version in self.source.versions:
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
    if not source.is_file():
        raise InputError("retention parameter file missing", source=str(source))
    try:
        parameter = load_model(ParameterFile, source)
    except DataError as error:
        raise InputError(error.reason, field=error.field, source=str(source)) from error
    for index, version in enumerate(parameter.versions):
        # A period is a whole number of years: anything else would make keep_until ambiguous.
        if (
            isinstance(version.value, bool)
            or not isinstance(version.value, int)
            or version.value <= 0
        ):
            raise InputError(
                "must be a whole number of years above 0",
                field=f"versions.{index}.value",
                source=str(source),
            )
    return RetentionParameter(parameter)
