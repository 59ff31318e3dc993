"""Line-level truth: applications, lines, decisions and shipments, in closed vocabularies."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from torturefree.errors import InputError
from torturefree.vocabulary import Activity, Category, EndUse

COUNTRY = re.compile(r"^[A-Z]{2}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")


class LicenceType(StrEnum):
    """The kinds of authorisation an application asks for (2019/125 Art. 20, Annexes VII-IX)."""

    INDIVIDUAL = "individual"
    GLOBAL = "global"
    BROKERING = "brokering"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    MUSEUM_DEROGATION = "museum_derogation"


class DecisionOutcome(StrEnum):
    ISSUED = "issued"
    REFUSED = "refused"
    REVOKED = "revoked"
    ANNULLED = "annulled"
    SUSPENDED = "suspended"
    AMENDED = "amended"


class RefusalGround(StrEnum):
    """Why an application was refused; a national ban is not a refusal for Art. 26(6) counts."""

    ART12_2_TORTURE = "art12_2_torture"
    ART17_2_CAPITAL_PUNISHMENT = "art17_2_capital_punishment"
    INSUFFICIENT_END_USE_INFORMATION = "insufficient_end_use_information"
    DIVERSION = "diversion"
    # Art. 14(1) / 15(4) national measures: Art. 26(6) says these are not counted as refusals.
    NATIONAL_BAN = "national_ban"
    OTHER = "other"


class EndUserCategory(StrEnum):
    """End-user categories Member States report in practice (COM(2019)445, COM(2020)799)."""

    POLICE = "police"
    PRISON_SERVICE = "prison_service"
    MILITARY = "military"
    OTHER_GOVERNMENT = "other_government"
    DISTRIBUTOR = "distributor"
    HOSPITAL_PHARMACEUTICAL = "hospital_pharmaceutical"
    PRIVATE_SECURITY = "private_security"
    MUSEUM = "museum"
    RESEARCH = "research"
    OTHER = "other"


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _country(value: str) -> str:
    if not COUNTRY.match(value):
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 code")
    return value


class Application(_Row):
    application_id: Annotated[str, Field(min_length=1)]
    reporting_state: str
    activity: Activity
    licence_type: LicenceType
    submitted_on: dt.date

    @field_validator("reporting_state")
    @classmethod
    def _state(cls, value: str) -> str:
        return _country(value)


class LicenceLine(_Row):
    """One goods line; amendments add a new version of the lines rather than editing them."""

    application_id: Annotated[str, Field(min_length=1)]
    line_no: Annotated[int, Field(ge=1)]
    version: Annotated[int, Field(ge=1)] = 1
    entry_id: Annotated[str, Field(min_length=1)]
    category: Category
    cn_code: Annotated[str, Field(min_length=2)]
    description: str = ""
    quantity: Annotated[float, Field(ge=0)]
    unit: Annotated[str, Field(min_length=1)]
    value: Annotated[float, Field(ge=0)] | None = None
    currency: str | None = None
    destination: str
    origin: str
    end_user_category: EndUserCategory
    end_use: EndUse

    @field_validator("destination", "origin")
    @classmethod
    def _countries(cls, value: str) -> str:
        return _country(value)

    @model_validator(mode="after")
    def _money(self) -> LicenceLine:
        if self.value is not None and (self.currency is None or not CURRENCY.match(self.currency)):
            raise ValueError("a value needs an ISO 4217 currency")
        return self


class Decision(_Row):
    decision_id: Annotated[str, Field(min_length=1)]
    application_id: Annotated[str, Field(min_length=1)]
    licence_id: str | None = None
    decided_on: dt.date
    outcome: DecisionOutcome
    refusal_ground: RefusalGround | None = None
    line_version: int | None = None
    valid_until: dt.date | None = None
    # The state marks what Art. 26(3) lets it withhold (essential security interests).
    sensitive: bool = False

    @model_validator(mode="after")
    def _ground(self) -> Decision:
        refused = self.outcome is DecisionOutcome.REFUSED
        if refused != (self.refusal_ground is not None):
            raise ValueError("refusal_ground is required for a refusal and only for a refusal")
        if (
            self.outcome in (DecisionOutcome.ISSUED, DecisionOutcome.AMENDED)
            and not self.licence_id
        ):
            raise ValueError("an issued or amended licence needs a licence_id")
        return self


class Shipment(_Row):
    """What actually crossed the border under a licence line (customs usage, 'actual')."""

    shipment_id: Annotated[str, Field(min_length=1)]
    application_id: Annotated[str, Field(min_length=1)]
    line_no: Annotated[int, Field(ge=1)]
    shipped_on: dt.date
    quantity: Annotated[float, Field(ge=0)]
    value: Annotated[float, Field(ge=0)] | None = None
    customs_reference: str | None = None


def parse_row(model: type[_Row], data: dict[str, Any], line: int | None = None) -> Any:
    """Validate one row; a bad one raises InputError naming the field (and the line)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        raise InputError(first["msg"], field=field, line=line, source=model.__name__) from error
