"""The transaction a determination is asked about (contracts.md `torturefree determine`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from torturefree.errors import InputError
from torturefree.vocabulary import Activity, EndUse, Knowledge

_COUNTRY = re.compile(r"^[A-Z]{2}$")


class _Input(BaseModel):
    """User input refuses unknown keys so a misspelt field is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _country(value: str | None) -> str | None:
    if value is not None and not _COUNTRY.match(value):
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code")
    return value


class Party(_Input):
    name: str | None = None
    country: str | None = None
    type: str | None = None
    manufacturer: bool | None = None

    _country = field_validator("country")(classmethod(lambda cls, v: _country(v)))


class GoodsItem(_Input):
    """One line of goods, named by entry id, CAS number, CN/HS code or description."""

    entry: str | None = None
    description: str | None = None
    hs_code: str | None = None
    cas: str | None = None
    lang: str | None = None
    quantity: float | None = None
    unit: str | None = None
    value: float | None = None
    currency: str | None = None
    parameters: dict[str, float] = Field(default_factory=dict)

    def identified_by(self) -> str | None:
        for name in ("entry", "cas", "hs_code", "description"):
            if getattr(self, name):
                return name
        return None


class Transaction(_Input):
    """A transaction under one jurisdiction on one date."""

    id: str | None = None
    jurisdiction: str
    date: dt.date | None = None
    activity: Activity
    origin: str | None = None
    destination: str | None = None
    transit_countries: list[str] = Field(default_factory=list)
    goods: Annotated[list[GoodsItem], Field(min_length=1)]
    end_use: EndUse | None = None
    end_user: Party | None = None
    exporter: Party | None = None
    knowledge: list[Knowledge] = Field(default_factory=list)
    facts: dict[str, bool] = Field(default_factory=dict)

    _origin = field_validator("origin", "destination")(classmethod(lambda cls, v: _country(v)))

    @field_validator("transit_countries")
    @classmethod
    def _transit(cls, values: list[str]) -> list[str]:
        for value in values:
            _country(value)
        return values


def parse_transaction(data: Any) -> Transaction:
    """Validate one transaction; the first problem becomes an InputError naming its field."""
    if not isinstance(data, dict):
        raise InputError("a transaction must be a JSON object", field=None)
    try:
        transaction = Transaction.model_validate(data)
    except ValidationError as error:
        raise _input_error(error) from error
    for index, item in enumerate(transaction.goods):
        if item.identified_by() is None:
            raise InputError(
                "give at least one of entry, cas, hs_code or description", field=f"goods[{index}]"
            )
    return transaction


def _input_error(error: ValidationError) -> InputError:
    first = error.errors()[0]
    parts = [str(p) for p in first["loc"]]
    field = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in parts).lstrip(".")
    kind = first.get("type", "")
    if kind == "extra_forbidden":
        reason = "unknown field"
    elif kind == "missing":
        reason = "required field is missing"
    elif kind == "too_short" and parts == ["goods"]:
        reason = "at least one goods item is required"
    else:
        reason = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    return InputError(reason, field=field or None)
