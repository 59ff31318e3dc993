"""The mechanism's rules in force on a day, read from the dated parameters under data/parameters/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from torturefree.lists.catalogue import Catalogue
from torturefree.lists.model import Citation

PARAMETERS = {
    "questions": "amendment-questions-period",
    "decision": "amendment-decision-period",
    "objection": "amendment-objection-period",
    "urgency": "amendment-urgency",
    "panel": "amendment-panel",
    "voting": "amendment-voting",
    "evidence": "amendment-evidentiary-standard",
}


@dataclass(frozen=True)
class Rules:
    """Each parameter's value on the day a request was received, with its citation."""

    day: dt.date
    values: dict[str, Any]
    citations: dict[str, Citation]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def cite(self, name: str) -> str:
        return self.citations[name].title


def rules_on(catalogue: Catalogue, day: dt.date) -> Rules:
    """The rules a request received on `day` follows (the law of its day, as for a transaction)."""
    values: dict[str, Any] = {}
    citations: dict[str, Citation] = {}
    for name, parameter_id in PARAMETERS.items():
        version = _version(catalogue, parameter_id, day)
        values[name] = version.value
        citations[name] = version.citation
    return Rules(day, values, citations)


def _version(catalogue: Catalogue, parameter_id: str, day: dt.date) -> Any:
    from torturefree.lists.errors import DataError

    parameter = catalogue.parameters.get(parameter_id)
    if parameter is None:
        raise DataError(catalogue.root, f"parameter '{parameter_id}' is missing")
    for version in parameter.versions:
        if version.valid_from <= day and (
            version.valid_until is None or day <= version.valid_until
        ):
            return version
    raise DataError(catalogue.root, f"parameter '{parameter_id}' has no version on {day}")
