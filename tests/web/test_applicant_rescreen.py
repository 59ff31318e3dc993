"""The applicant organisation on a new list version: named "Applicant: <name>" on the case page,
with a disposition form that sends no party, and on a valid licence's notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.models import Case, RescreenAlert
from torturefree_service.checks.rescreening import cases_rescreen

from web.test_licence_rescreen import JANE, granted, page
from web.test_pages import BODY, client_for

ACME = {
    "id": "w-9",
    "schema": "Company",
    "properties": {"name": ["Acme Security Exports GmbH"], "country": ["de"]},
}


def test_an_open_case_applicant_alert_is_named_and_disposed_of_on_the_case_page(
    people: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    watchlist(JANE, ACME)
    [alert] = cases_rescreen(by=who["caseworker"], watchlist="tf-web")["alerts"]

    case_url = f"/casework/cases/{case.pk}"
    shown = page("caseworker", case_url)
    assert "<strong>Applicant: Acme Security Exports GmbH</strong>:" in shown
    assert "open: it stops a grant until a disposition is recorded" in shown
    assert f'<select id="st-a{alert["id"]}" name="status">' in shown
    assert '<input type="hidden" name="party_id" value="">' in shown
    assert "Demandeur : Acme Security Exports GmbH" in page("caseworker", case_url, "fr")

    response = client_for("caseworker").post(
        f"{case_url}/dispositions",
        {
            "party_id": "",
            "watchlist": "tf-web",
            "entity_id": "w-9",
            "hit": f"a{alert['id']}",
            "status": "true_match",
            "reason": "Same register number.",
        },
    )
    assert response.status_code == 302
    assert RescreenAlert.objects.get(pk=alert["id"]).disposition == "true_match"
    case.refresh_from_db()
    assert "rescreen_hit" not in case.flags


def test_a_valid_licence_applicant_alert_is_a_notice_on_the_licence_page(
    people: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    licence = granted(people)
    case = Case.objects.get(application=licence.application)
    before = (case.status, case.flags)
    watchlist(JANE, ACME)
    result = cases_rescreen(by=people["people"]["caseworker"], watchlist="tf-web")
    assert [(a["licence"], a["organisation_id"]) for a in result["alerts"]] == [
        (licence.number, licence.application.organisation_id)
    ]
    notice = page("senior", f"/licences/{licence.pk}")
    assert "Applicant: Acme Security Exports GmbH: Acme Security Exports GmbH — tf-web" in notice
    assert "Demandeur : Acme Security Exports GmbH" in page(
        "senior", f"/licences/{licence.pk}", "fr"
    )
    case.refresh_from_db()
    assert (case.status, case.flags) == before


def test_an_applicant_hit_found_on_submit_is_disposed_of_on_the_case_page(
    people: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE, ACME)
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    case_url = f"/casework/cases/{case.pk}"
    shown = page("caseworker", case_url)
    start = shown.index("<strong>Acme Security Exports GmbH</strong>")
    applicant = shown[start : shown.index("</li>", shown.index("</form>", start))]
    assert "Acme Security Exports GmbH" in applicant and 'name="entity_id" value="w-9"' in applicant
    assert '<input type="hidden" name="party_id" value="">' in applicant

    until = dt.date.today() + dt.timedelta(days=30)
    response = client_for("caseworker").post(
        f"{case_url}/dispositions",
        {
            "party_id": "",
            "watchlist": "tf-web",
            "entity_id": "w-9",
            "hit": "2-1",
            "status": "false_positive",
            "reason": "A namesake in another country.",
            "expires_at": until.isoformat(),
        },
    )
    assert response.status_code == 302
    assert "<strong>False positive</strong> until" in page("caseworker", case_url)
