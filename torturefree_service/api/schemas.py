"""Request bodies (pydantic via Ninja): unknown keys refused so a misspelt field is reported."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Body(Schema):
    model_config = ConfigDict(extra="forbid")


class LineIn(Body):
    description: str = Field(min_length=1, max_length=2000)
    cn_code: str = Field("", max_length=16)
    cas: str = Field("", max_length=16)
    entry_id: str = Field("", max_length=120)
    quantity: float = Field(gt=0, le=1e12)
    unit: str = Field("pieces", max_length=16)
    value: float = Field(0, ge=0, le=1e12)
    currency: str = Field("EUR", min_length=3, max_length=3)


class PartyIn(Body):
    role: Literal["consignee", "end_user", "ultimate_end_user", "distributor", "broker", "carrier"]
    name: str = Field(min_length=1, max_length=200)
    country: str = Field(min_length=2, max_length=2)
    address: str = Field("", max_length=1000)
    type: str = Field("", max_length=40)
    schema_: Literal["Organization", "Person"] = Field("Organization", alias="schema")


class ApplicationFields(Body):
    origin: str | None = Field(None, min_length=2, max_length=2)
    transit_countries: list[str] | None = None
    goods_location: str | None = Field(None, max_length=200)
    end_use: (
        Literal[
            "museum_display",
            "law_enforcement",
            "peacekeeping",
            "medical",
            "veterinary",
            "research",
            "other",
        ]
        | None
    ) = None
    end_use_detail: str | None = Field(None, max_length=5000)
    distributor_arrangements: str | None = Field(None, max_length=5000)
    requested_validity_months: int | None = Field(None, ge=1, le=60)
    lines: list[LineIn] | None = Field(None, max_length=500)
    parties: list[PartyIn] | None = Field(None, max_length=50)


class ApplicationIn(ApplicationFields):
    type: Literal[
        "individual_export",
        "global_export",
        "brokering",
        "technical_assistance",
        "museum_export",
        "museum_import",
        "museum_transit",
        "gea_registration",
    ]
    destination: str = Field(min_length=2, max_length=2)


class ApplicationPatch(ApplicationFields):
    destination: str | None = Field(None, min_length=2, max_length=2)


class FirstUseIn(Body):
    first_used_on: dt.date


class AssignIn(Body):
    assignee: str = Field(min_length=1, max_length=150, description="username")


class TextIn(Body):
    text: str = Field(min_length=1, max_length=10000)


class NoteIn(TextIn):
    visible_to_applicant: bool = False


class AnswerIn(Body):
    answer: str = Field(min_length=1, max_length=10000)


Reason = Literal[
    "art12_2_torture",
    "art17_2_capital_punishment",
    "insufficient_end_use_information",
    "diversion",
    "national_ban",
    "other",
]


class AdviceIn(Body):
    recommendation: Literal["grant", "refuse"]
    reasons: list[Reason] = Field(default_factory=list, max_length=6)
    text: str = Field("", max_length=10000)


class DecisionIn(Body):
    outcome: Literal["grant", "refuse"]
    reasons: list[Reason] = Field(default_factory=list, max_length=6)
    text: str = Field("", max_length=10000)
    conditions: str = Field("", max_length=10000)
    validity_months: int | None = Field(None, ge=1, le=36)
    sensitive: bool = Field(
        False, description="withhold from the public annual report (Art. 26(3))"
    )


class RatingIn(Body):
    entry_id: str | None = Field(None, max_length=120, description="null: not controlled")
    note: str = Field("", max_length=2000)


class ConsultationIn(Body):
    answer: Literal["objects", "no_objection", "no_reply"]
    notes: str = Field("", max_length=10000)


class DispositionIn(Body):
    party_id: int | None = Field(None, description="null: a hit on the applicant organisation")
    watchlist: str = Field(min_length=1, max_length=100)
    entity_id: str = Field(min_length=1, max_length=200)
    status: Literal["true_match", "false_positive", "needs_review"]
    reason: str = Field(min_length=1, max_length=2000)
    expires_at: dt.date | None = None


class RescreenIn(Body):
    watchlist: str = Field(min_length=1, max_length=100)
    from_version: int | None = Field(None, ge=1, le=1_000_000)
    to_version: int | None = Field(None, ge=1, le=1_000_000)


class LicenceActionIn(Body):
    action: Literal["suspend", "reinstate", "revoke", "annul"]
    reason: str = Field(min_length=1, max_length=5000)


class ModifyIn(Body):
    conditions: str = Field(max_length=10000)


class LineChangeIn(Body):
    line_no: int = Field(ge=1, le=100000)
    quantity: float | None = Field(None, gt=0, le=1e12)
    value: float | None = Field(None, ge=0, le=1e12)


class LinesModifyIn(Body):
    lines: list[LineChangeIn] = Field(min_length=1, max_length=500)
    reason: str = Field(min_length=1, max_length=5000)


class ExtendIn(Body):
    months: int = Field(ge=1, le=24)


class ShipmentLineIn(Body):
    line_no: int = Field(ge=1, le=100000)
    quantity: float = Field(gt=0, le=1e12)
    value: float = Field(0, ge=0, le=1e12)


class ShipmentIn(Body):
    customs_reference: str = Field(min_length=1, max_length=64)
    shipped_on: dt.date
    lines: list[ShipmentLineIn] = Field(min_length=1, max_length=500)


class DenialImportIn(Body):
    format: Literal["csv", "json"]
    content: str = Field(min_length=1, max_length=5_000_000)


class OrganisationIn(Body):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal[
        "exporter",
        "broker",
        "technical_assistance_supplier",
        "museum",
        "transporter",
        "manufacturer",
        "distributor",
    ]
    country: str = Field(min_length=2, max_length=2)
    registration_number: str = Field("", max_length=64)
    eori: str = Field("", max_length=32)
    address: str = Field("", max_length=1000)


class VetIn(Body):
    action: Literal["submit", "activate", "reject", "suspend"]
    reason: str = Field("", max_length=2000)


class UserIn(Body):
    username: str = Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")
    password: str = Field(min_length=8, max_length=200)
    role: Literal["trader", "caseworker", "senior_officer", "auditor", "administrator"]
    organisation_id: int | None = None


class LoginIn(Body):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=200)
    # The second factor (#19): a TOTP code or a recovery code, for accounts that have one.
    otp: str | None = Field(default=None, max_length=64)
