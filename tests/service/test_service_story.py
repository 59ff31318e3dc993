"""End-to-end API stories: apply, advise, decide, licence PDF, shipments; refusal; consultation."""

from __future__ import annotations

from typing import Any

from servicekit import stun_gun_application
from torturefree_service.audit.ledger import get_ledger
from torturefree_service.audit.services import audit_flush


def submit(api: Any, body: dict[str, Any]) -> dict[str, Any]:
    created = api.post("/applications", body)
    assert created.status_code == 201, created.json()
    submitted = api.post(f"/applications/{created.json()['id']}/submit")
    assert submitted.status_code == 200, submitted.json()
    return dict(submitted.json())


def advise(
    world: dict[str, Any], case_id: int, recommendation: str, reasons: list[str] = ()
) -> None:
    api = world["api"]["caseworker"]
    assert api.post(f"/cases/{case_id}/assign", {"assignee": "caseworker"}).status_code == 200
    response = api.post(
        f"/cases/{case_id}/advice", {"recommendation": recommendation, "reasons": list(reasons)}
    )
    assert response.status_code == 201, response.json()


def test_a_trader_applies_and_a_licence_is_issued_used_and_exhausted(world: dict[str, Any]) -> None:
    trader, senior = world["api"]["trader"], world["api"]["senior"]
    application = submit(trader, stun_gun_application())
    assert application["status"] == "submitted"
    case_id = application["case"]["id"]

    case = world["api"]["caseworker"].get(f"/cases/{case_id}").json()
    checks = case["checks"]
    assert checks["outcome"] == "licence_required"
    assert checks["data_release"].startswith("sha256:")
    assert checks["versions"]["engine"]
    assert checks["identification"][0]["controlled"] is True
    assert checks["risk"]["country"] == "BR"

    advise(world, case_id, "grant")
    # Four eyes: a senior officer who advised cannot decide; the caseworker cannot decide at all.
    assert (
        world["api"]["caseworker"]
        .post(f"/cases/{case_id}/decision", {"outcome": "grant"})
        .status_code
        == 403
    )
    decided = senior.post(
        f"/cases/{case_id}/decision",
        {"outcome": "grant", "conditions": "No re-export.", "validity_months": 12},
    )
    assert decided.status_code == 201, decided.json()
    licence_id = decided.json()["licence_id"]

    licence = trader.get(f"/licences/{licence_id}").json()
    assert licence["status"] == "issued"
    assert licence["lines"][0]["entry_id"] == "eu-2019-125/portable-electric-discharge-weapons"
    pdf = trader.client.get(f"/api/v1/licences/{licence_id}/pdf", **trader.headers)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    public = world["anonymous"].get(f"/verify/{licence['verification_code']}")
    assert public.status_code == 200
    assert public.json()["number"] == licence["number"]
    page = world["anonymous"].client.get(f"/verify/{licence['verification_code']}")
    assert page.status_code == 200 and licence["number"] in page.content.decode()
    shown = page.content.decode()  # labels, not codes (#20): 'Issued', not 'issued'
    assert "<dd>Issued</dd>" in shown and "<dd>issued</dd>" not in shown

    shipment = {
        "customs_reference": "MRN-1",
        "shipped_on": licence["issued_on"],
        "lines": [{"line_no": 1, "quantity": 60, "value": 7200}],
    }
    first = trader.post(f"/licences/{licence_id}/shipments", shipment)
    assert first.status_code == 201, first.json()
    assert first.json()["lines"][0]["remaining"] == "40.000"
    again = trader.post(f"/licences/{licence_id}/shipments", shipment)
    assert again.status_code == 200 and again.json()["already_recorded"] is True
    too_much = dict(shipment, customs_reference="MRN-2", lines=[{"line_no": 1, "quantity": 41}])
    assert trader.post(f"/licences/{licence_id}/shipments", too_much).status_code == 409
    rest = dict(shipment, customs_reference="MRN-3", lines=[{"line_no": 1, "quantity": 40}])
    assert trader.post(f"/licences/{licence_id}/shipments", rest).json()["status"] == "exhausted"

    audit_flush()
    verdict = get_ledger().verify()
    assert verdict.ok
    subjects = {e.subject for e in get_ledger().entries()}
    assert f"licence/{licence['number']}" in subjects


def test_a_refusal_produces_a_denial_notification_with_its_deadline(world: dict[str, Any]) -> None:
    application = submit(world["api"]["trader"], stun_gun_application(destination="US"))
    case_id = application["case"]["id"]
    advise(world, case_id, "refuse", ["art12_2_torture"])
    decided = world["api"]["senior"].post(
        f"/cases/{case_id}/decision",
        {"outcome": "refuse", "reasons": ["art12_2_torture"], "text": "Reports of abuse."},
    )
    assert decided.status_code == 201, decided.json()
    denials = world["api"]["caseworker"].get("/denials", direction="outgoing").json()["items"]
    assert len(denials) == 1
    denial = denials[0]
    assert denial["reason_codes"] == ["art12_2_torture"]
    assert denial["notify_by"] is not None and denial["notified_on"] is None
    sent = world["api"]["caseworker"].post(f"/denials/{denial['id']}/notified")
    assert sent.status_code == 200 and sent.json()["notified_on"]


FOREIGN = [
    {
        "issuing_state": "FR",
        "reference": "FR-2025-017",
        "decided_on": "2025-03-01",
        "activity": "export",
        "destination": "BR",
        "end_user_name": "Policia Militar do Estado de São Paulo",
        "entries": ["eu-2019-125/portable-electric-discharge-weapons"],
        "reason_codes": ["art12_2_torture"],
    }
]


def test_an_essentially_identical_foreign_denial_blocks_the_grant_until_consulted(
    world: dict[str, Any],
) -> None:
    import json

    caseworker, senior = world["api"]["caseworker"], world["api"]["senior"]
    imported = caseworker.post(
        "/denials/import", {"format": "json", "content": json.dumps(FOREIGN)}
    )
    assert imported.status_code == 200 and imported.json() == {"created": 1, "updated": 0}

    application = submit(world["api"]["trader"], stun_gun_application())
    case_id = application["case"]["id"]
    case = caseworker.get(f"/cases/{case_id}").json()
    assert "denial_consultation" in case["flags"]
    [match] = case["denial_matches"]
    assert match["denial"] == "FR/FR-2025-017"

    advise(world, case_id, "grant")
    blocked = senior.post(f"/cases/{case_id}/decision", {"outcome": "grant", "text": "Needed."})
    assert blocked.status_code == 409
    assert blocked.json()["error"]["code"] == "blocked_denial_consultation"

    consulted = caseworker.post(
        f"/cases/{case_id}/consultations/{match['id']}",
        {"answer": "objects", "notes": "FR maintains its denial."},
    )
    assert consulted.status_code == 201 and consulted.json()["blocks"] == []
    no_reasons = senior.post(f"/cases/{case_id}/decision", {"outcome": "grant"})
    assert no_reasons.status_code == 400 and no_reasons.json()["error"]["field"] == "text"
    granted = senior.post(
        f"/cases/{case_id}/decision", {"outcome": "grant", "text": "Training use verified on site."}
    )
    assert granted.status_code == 201, granted.json()
    from torturefree_service.denials.models import GrantNotice

    notice = GrantNotice.objects.get()
    assert notice.reasons == "Training use verified on site."


def test_a_prohibited_line_is_refused_on_submit_and_says_what_to_do(world: dict[str, Any]) -> None:
    body = stun_gun_application(
        lines=[
            {"description": "thumb cuffs, serrated, steel", "cn_code": "7326 90 98", "quantity": 10}
        ]
    )
    trader = world["api"]["trader"]
    created = trader.post("/applications", body)
    refused = trader.post(f"/applications/{created.json()['id']}/submit")
    error = refused.json()["error"]
    assert refused.status_code == 409 and error["code"] == "prohibited_line"
    assert error["field"] == "lines[0]" and "Article 3(1)" in error["message"]
    assert "museum" in error["message"] and "Art. 3(2)" in error["message"]
    assert trader.get(f"/applications/{created.json()['id']}").json()["status"] == "draft"


def test_grant_advice_on_a_line_rated_prohibited_is_refused(world: dict[str, Any]) -> None:
    from torturefree_service.applications.models import GoodsLine
    from torturefree_service.cases.decisions import line_rate
    from torturefree_service.cases.models import Case
    from torturefree_service.organisations.models import Person

    case_id = submit(world["api"]["trader"], stun_gun_application())["case"]["id"]
    caseworker = world["api"]["caseworker"]
    assert (
        caseworker.post(f"/cases/{case_id}/assign", {"assignee": "caseworker"}).status_code == 200
    )
    line = GoodsLine.objects.get(application__case=Case.objects.get(pk=case_id), line_no=1)
    officer = Person.objects.get(user__username="caseworker")
    line_rate(by=officer, line=line, entry_id="eu-2019-125/thumb-cuffs", note="serrated cuffs")
    advised = caseworker.post(f"/cases/{case_id}/advice", {"recommendation": "grant"})
    assert advised.status_code == 409 and advised.json()["error"]["code"] == "blocked_prohibited"
    assert "Article 3(1)" in advised.json()["error"]["message"]
    advise(world, case_id, "refuse", ["other"])


def test_a_question_stops_the_clock_until_answered(world: dict[str, Any]) -> None:
    application = submit(world["api"]["trader"], stun_gun_application())
    case_id = application["case"]["id"]
    caseworker = world["api"]["caseworker"]
    caseworker.post(f"/cases/{case_id}/assign", {"assignee": "caseworker"})
    asked = caseworker.post(f"/cases/{case_id}/questions", {"text": "Who trains the users?"})
    assert asked.status_code == 201
    assert caseworker.get(f"/cases/{case_id}").json()["status"] == "awaiting_applicant"
    answered = world["api"]["trader"].post(
        f"/questions/{asked.json()['id']}/answer", {"answer": "The supplier, on site."}
    )
    assert answered.status_code == 200 and answered.json()["case_status"] == "in_review"
