"""Demo data through the services: organisations, logins, applications in every state, licences,
shipments, refusals, denial notifications. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from service.applications.models import Application
from service.applications.services import (
    application_create,
    application_submit,
    application_withdraw,
)
from service.cases import decisions
from service.cases.services import case_advise, case_ask, case_assign
from service.denials.services import denial_import
from service.licences.services import shipment_record
from service.organisations.models import Organisation, Person
from service.organisations.services import person_create, token_issue

PASSWORD = "demo-password"
ORGS = [
    ("Acme Security Exports GmbH", "exporter", "DE", "active"),
    ("Rhein Pharma Manufacturing AG", "manufacturer", "DE", "active"),
    ("Museum of Penal History", "museum", "DE", "active"),
    ("Hanse Brokerage GmbH", "broker", "DE", "active"),
    ("New Applicant UG", "exporter", "DE", "draft"),
]
PEOPLE = [
    ("trader", "trader", "Acme Security Exports GmbH"),
    ("curator", "trader", "Museum of Penal History"),
    ("broker", "trader", "Hanse Brokerage GmbH"),
    ("caseworker", "caseworker", None),
    ("senior", "senior_officer", None),
    ("senior2", "senior_officer", None),
    ("auditor", "auditor", None),
    ("admin", "administrator", None),
]
FOREIGN_DENIAL = [
    {
        "issuing_state": "FR",
        "reference": "FR-DEMO-001",
        "decided_on": None,
        "activity": "export",
        "destination": "PH",
        "end_user_name": "Metro Manila Police District",
        "entries": ["eu-2019-125/portable-electric-discharge-weapons"],
        "reason_codes": ["art12_2_torture"],
        "reason_text": "Credible reports of misuse.",
    }
]


def _stun_guns(destination: str, end_user: str, quantity: int = 100) -> dict[str, Any]:
    return {
        "destination": destination,
        "end_use": "law_enforcement",
        "end_use_detail": "Police use under a national training programme.",
        "lines": [
            {
                "description": "stun gun, 50 kV, handheld",
                "cn_code": "9304 00 00",
                "quantity": quantity,
                "unit": "pieces",
                "value": 120 * quantity,
            }
        ],
        "parties": [
            {"role": "end_user", "name": end_user, "country": destination, "type": "police"},
            {"role": "consignee", "name": f"{end_user} procurement", "country": destination},
        ],
    }


def load_demo() -> list[dict[str, str]]:
    """Create what is missing; return the logins (username, role, password, token)."""
    orgs = {}
    for name, kind, country, status in ORGS:
        orgs[name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "country": country, "status": status}
        )
    people: dict[str, Person] = {}
    logins = []
    for username, role, org in PEOPLE:
        person = Person.objects.filter(user__username=username).first() or person_create(
            username=username, password=PASSWORD, role=role, organisation=orgs[org] if org else None
        )
        people[username] = person
        token = token_issue(person=person, label="demo", secret=f"demo-{username}")
        logins.append({"username": username, "role": role, "password": PASSWORD, "token": token})
    if not Application.objects.filter(organisation=orgs[ORGS[0][0]]).exists():
        _stories(people)
    return logins


def _new(
    people: dict[str, Person], who: str, body: dict[str, Any], type: str = "individual_export"
) -> Application:
    return application_create(by=people[who], type=type, data=body)


def _advised(
    people: dict[str, Person],
    body: dict[str, Any],
    recommendation: str,
    reasons: list[str] | None = None,
) -> Application:
    application = application_submit(by=people["trader"], application=_new(people, "trader", body))
    case = application.case
    case_assign(by=people["caseworker"], case=case, assignee=people["caseworker"])
    case_advise(
        by=people["caseworker"], case=case, recommendation=recommendation, reasons=reasons or []
    )
    return application


def _stories(people: dict[str, Person]) -> None:
    today = dt.date.today()
    _new(people, "trader", _stun_guns("BR", "Policia Civil do Rio de Janeiro"))  # draft
    application_submit(
        by=people["trader"],
        application=_new(people, "trader", _stun_guns("CL", "Carabineros de Chile")),
    )  # new case
    assigned = application_submit(
        by=people["trader"],
        application=_new(people, "trader", _stun_guns("AR", "Policia Federal Argentina")),
    )
    case_assign(by=people["caseworker"], case=assigned.case, assignee=people["caseworker"])
    asked = application_submit(
        by=people["trader"],
        application=_new(people, "trader", _stun_guns("MX", "Policia Federal de Mexico")),
    )
    case_assign(by=people["caseworker"], case=asked.case, assignee=people["caseworker"])
    case_ask(
        by=people["caseworker"], case=asked.case, text="Please upload the signed end-use statement."
    )
    _advised(people, _stun_guns("PE", "Policia Nacional del Peru"), "grant")  # awaiting decision
    granted = _advised(people, _stun_guns("BR", "Policia Militar do Estado de Sao Paulo"), "grant")
    decisions.case_decide(
        by=people["senior"],
        case=granted.case,
        outcome="grant",
        conditions="No re-export without prior authorisation.",
        validity_months=12,
    )
    shipment_record(
        by=people["trader"],
        licence=granted.licence,
        customs_reference="DE-MRN-DEMO-1",
        shipped_on=today,
        lines=[{"line_no": 1, "quantity": 40, "value": 4800}],
    )
    refused = _advised(
        people, _stun_guns("US", "County Jail Services"), "refuse", ["art12_2_torture"]
    )
    decisions.case_decide(
        by=people["senior"],
        case=refused.case,
        outcome="refuse",
        reasons=["art12_2_torture"],
        text="Reports of misuse in detention.",
    )
    application_withdraw(
        by=people["trader"],
        application=_new(people, "trader", _stun_guns("ZA", "South African Police Service")),
    )
    denial = [dict(FOREIGN_DENIAL[0], decided_on=(today - dt.timedelta(days=200)).isoformat())]
    denial_import(by=people["caseworker"], fmt="json", content=json.dumps(denial))
    _advised(people, _stun_guns("PH", "Metro Manila Police District"), "grant")  # blocked: consult
    _new(
        people,
        "curator",
        {
            "destination": "GB",
            "end_use": "museum_display",
            "lines": [{"description": "guillotine, 18th century, for display", "quantity": 1}],
            "parties": [{"role": "end_user", "name": "Museum of London", "country": "GB"}],
        },
        type="museum_export",
    )
