"""Demo data through the services: organisations, logins, applications in every state, licences,
shipments, refusals, denial notifications, a general-authorisation registration with its first use,
and country facts for the risk findings. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from torturefree.paths import home_dir
from torturefree.risk import open_store
from torturefree.risk.imports import import_folder
from torturefree_service.applications.models import Application
from torturefree_service.applications.services import (
    application_create,
    application_first_use,
    application_submit,
    application_withdraw,
)
from torturefree_service.cases import decisions
from torturefree_service.cases.services import case_advise, case_ask, case_assign
from torturefree_service.denials.services import denial_import
from torturefree_service.licences.services import shipment_record
from torturefree_service.organisations.models import Organisation, Person
from torturefree_service.organisations.services import person_create, token_issue

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
    ("pharma", "trader", "Rhein Pharma Manufacturing AG"),
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
    if not Application.objects.filter(organisation=orgs[ORGS[1][0]]).exists():
        _general_authorisation(people["pharma"])
    return logins


def _general_authorisation(trader: Person) -> Application:
    """Annex V: thiopental to Norway under the Union general authorisation, registered and its
    first use notified (Annex V Part 3)."""
    registration = application_create(
        by=trader,
        type="gea_registration",
        data={
            "destination": "NO",
            "end_use": "medical",
            "end_use_detail": "Anaesthesia in hospitals.",
            "lines": [
                {
                    "description": "sodium thiopental, powder for injection",
                    "cn_code": "2933 53 90",
                    "quantity": 10,
                    "unit": "kg",
                    "value": 4000,
                }
            ],
            "parties": [
                {
                    "role": "end_user",
                    "name": "Oslo University Hospital",
                    "country": "NO",
                    "type": "hospital",
                }
            ],
        },
    )
    registration = application_submit(by=trader, application=registration)
    application_first_use(
        by=trader, application=registration, first_used_on=dt.date.today() - dt.timedelta(days=3)
    )
    return registration


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


def evidence_folder() -> Path | None:
    """The public evidence datasets: $TORTUREFREE_SHARED_DATA/evidence, else ../shared/data
    beside the repository (where CI lays them out); None when neither is there."""
    shared = os.environ.get("TORTUREFREE_SHARED_DATA")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared" / "data"
    folder = root / "evidence"
    return folder if folder.is_dir() else None


def load_demo_evidence(folder: Path | None) -> list[dict[str, Any]]:
    """Country facts (death penalty, treaties, PTS, CIRIGHTS) for the risk findings; importing the
    same files again changes nothing. Only the user's local copy is read: most of these datasets
    may not be redistributed, so the repository ships none of them but Amnesty's."""
    if folder is None:
        return []
    outcomes = import_folder(open_store(home_dir()), folder)
    return [{"dataset": o.record.dataset, "changed": o.changed} for o in outcomes]
