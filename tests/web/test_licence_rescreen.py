"""A valid licence's party on a new list version: an alert on its closed case, a notice on the
licence page, a disposition on the case page; the case stays closed."""

from __future__ import annotations

import re
from typing import Any

from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.decisions import case_decide
from torturefree_service.cases.models import Case, RescreenAlert
from torturefree_service.cases.services import case_advise, case_assign
from torturefree_service.checks.rescreening import cases_rescreen
from torturefree_service.licences.models import Licence

from web.test_pages import BODY, client_for

JANE = {"id": "w-0", "schema": "Person", "properties": {"name": ["Jane Roe"], "country": ["gb"]}}
CONSIGNEE = {
    "id": "w-2",
    "schema": "Company",
    "properties": {"name": ["Importadora Segura Ltda"], "country": ["br"]},
}
WITH_CONSIGNEE = {
    **BODY,
    "parties": [
        *BODY["parties"],
        {"role": "consignee", "name": "Importadora Segura Ltda", "country": "BR"},
    ],
}


def granted(people: dict[str, Any]) -> Licence:
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=WITH_CONSIGNEE)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    case_advise(by=who["caseworker"], case=case, recommendation="grant", reasons=[])
    case_decide(
        by=who["senior"], case=case, outcome="grant", reasons=[], text="", conditions="",
        validity_months=6,
    )  # fmt: skip
    return Licence.objects.get(application=draft)


def page(username: str, url: str, language: str = "en") -> str:
    response = client_for(username).get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_valid_licence_hit_is_shown_on_its_case_and_licence_and_disposed_of(
    people: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    licence = granted(people)
    case = Case.objects.get(application=licence.application)
    before = (case.status, case.flags)
    assert before[0] == "closed"

    watchlist(JANE, CONSIGNEE)
    result = cases_rescreen(by=people["people"]["caseworker"], watchlist="tf-web")
    assert (result["open_parties"], result["licences"], result["licence_parties"]) == (0, 1, 2)
    [alert] = result["alerts"]
    assert (alert["licence"], alert["case_id"], alert["entity_id"]) == (
        licence.number,
        case.pk,
        "w-2",
    )
    case.refresh_from_db()
    assert (case.status, case.flags) == before  # not reopened, not flagged

    case_url = f"/casework/cases/{case.pk}"
    shown = page("caseworker", case_url)
    assert f"it concerns the valid licence {licence.number}" in shown
    assert "open: the licence may need suspending or revoking; record a disposition" in shown
    assert f'<select id="st-a{alert["id"]}" name="status">' in shown  # the form on a closed case
    assert "What stops a grant" not in shown

    licence_url = f"/licences/{licence.pk}"
    for officer in ("senior", "caseworker"):
        notice = page(officer, licence_url)
        assert "A party of this licence matches a watchlist entry in a new list version." in notice
        assert "Importadora Segura Ltda (Consignee): Importadora Segura Ltda — tf-web" in notice
        assert f'<a href="{case_url}#screening">' in notice
    assert "new list version" not in page("trader", licence_url)
    french = page("senior", licence_url, "fr")
    assert "Une partie de cette licence correspond à une entrée" in french
    assert f"il concerne la licence valide {licence.number}" in page("caseworker", case_url, "fr")

    response = client_for("caseworker").post(
        f"{case_url}/dispositions",
        {
            "party_id": str(alert["party_id"]),
            "watchlist": "tf-web",
            "entity_id": "w-2",
            "hit": f"a{alert['id']}",
            "status": "false_positive",
            "reason": "Another company: other CNPJ.",
            "expires_at": "2099-01-01",
        },
    )
    assert response.status_code == 302
    assert RescreenAlert.objects.get(pk=alert["id"]).disposition == "false_positive"
    assert "new list version" not in page("senior", licence_url)
    assert "— resolved: False positive" in page("caseworker", case_url)
    case.refresh_from_db()
    assert (case.status, case.flags) == before
