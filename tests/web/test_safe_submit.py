"""Explanations in words on the draft and the case, and safe submit (issue #20, items 3 and 4)."""

from __future__ import annotations

import html
import re
from typing import Any

from torturefree_service.applications.models import ApplicationStatus
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.decisions import line_rate
from torturefree_service.cases.services import case_assign

from web.test_pages import BODY, client_for

THUMB_CUFFS = {
    **BODY,
    "lines": [
        {"description": "thumb cuffs, serrated, steel", "cn_code": "7326 90 98", "quantity": 4}
    ],
}


def page(client: Any, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, html.unescape(response.content.decode())


def test_the_draft_says_in_words_why_a_line_is_controlled(people: dict[str, Any]) -> None:
    draft = application_create(by=people["people"]["trader"], type="individual_export", data=BODY)
    status, text = page(client_for("trader"), f"/trader/applications/{draft.pk}/draft/goods")
    assert status == 200
    assert "Listed in Annex III, item 2.1: Portable electric discharge weapons" in text
    assert "Export needs an authorisation: Regulation (EU) 2019/125, Article 11(1)." in text
    assert "Goods identification against" not in text.split("Technical detail")[0]
    assert "Technical detail" in text


def test_prohibited_lines_cannot_be_submitted_and_the_page_says_what_to_do(
    people: dict[str, Any],
) -> None:
    trader = people["people"]["trader"]
    draft = application_create(by=trader, type="individual_export", data=THUMB_CUFFS)
    client = client_for("trader")
    status, text = page(client, f"/trader/applications/{draft.pk}/draft/submit")
    assert status == 200 and "These goods cannot be exported" in text
    assert "Line 1 (thumb cuffs, serrated, steel) is prohibited." in text
    assert "Article 3(1)" in text and "?type=museum_export" in text
    assert "Articles 3(2) and 20(2)" in text
    assert f'action="/trader/applications/{draft.pk}/submit"' not in text
    refused = client.post(f"/trader/applications/{draft.pk}/submit")
    body = html.unescape(refused.content.decode())
    assert refused.status_code == 400 and "line 1 is prohibited" in body
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    start = client.get("/trader/applications/new?type=museum_export").content.decode()
    assert re.search(r'value="museum_export"[^>]* checked', start)


def test_the_case_page_explains_and_refuses_grant_advice_on_a_prohibited_line(
    people: dict[str, Any],
) -> None:
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    officer = client_for("caseworker")
    status, text = page(officer, f"/casework/cases/{case.pk}")
    assert status == 200 and "Listed in Annex III, item 2.1" in text
    assert "What the law allows: a grant or a refusal" in text
    line_rate(by=who["caseworker"], line=draft.lines.get(), entry_id="eu-2019-125/thumb-cuffs")
    _, text = page(officer, f"/casework/cases/{case.pk}")
    assert "What the law allows: only a refusal" in text
    refused = officer.post(f"/casework/cases/{case.pk}/advice", {"recommendation": "grant"})
    body = html.unescape(refused.content.decode())
    assert refused.status_code == 400 and "a grant would be refused" in body
    assert 'id="id_recommendation-error"' in body


def test_a_line_on_no_list_is_said_in_words_too(people: dict[str, Any]) -> None:
    hose = {**BODY, "lines": [{"description": "garden hose, rubber", "quantity": 4}]}
    draft = application_create(by=people["people"]["trader"], type="individual_export", data=hose)
    status, text = page(client_for("trader"), f"/trader/applications/{draft.pk}/draft/goods")
    assert status == 200
    said = text.split("Technical detail")[0]
    assert "Not found on the control lists in force: export is not controlled" in said
    assert "(Goods identification against the control lists in force on the date" in said


def test_a_line_whose_figures_decide_is_asked_about_not_assumed(people: dict[str, Any]) -> None:
    chain = {**BODY, "lines": [{"description": "handcuffs with chain", "quantity": 50}]}
    draft = application_create(by=people["people"]["trader"], type="individual_export", data=chain)
    status, text = page(client_for("trader"), f"/trader/applications/{draft.pk}/draft/goods")
    asks = text.split('id="asks-1"')[1].split("</div>")[0]
    assert status == 200 and "We need to know more" in asks
    assert "overall length of the handcuffs, chain included" in asks
    assert "Why we ask: ordinary handcuffs (Annex III 1.1 note 3" in asks
    assert '<a href="/trader/check?description=handcuffs+with+chain">' in asks
    given = {
        **BODY,
        "lines": [
            {
                "description": "handcuffs with chain, overall length 250 mm, inside circumference"
                " 160 mm at the last notch and 210 mm at the first notch",
                "quantity": 50,
            }
        ],
    }
    settled = application_create(
        by=people["people"]["trader"], type="individual_export", data=given
    )
    _, text = page(client_for("trader"), f"/trader/applications/{settled.pk}/draft/goods")
    assert 'id="asks-1"' not in text


def test_the_case_page_tells_the_officer_what_to_ask(people: dict[str, Any]) -> None:
    who = people["people"]
    chain = {**BODY, "lines": [{"description": "handcuffs with chain", "quantity": 50}]}
    draft = application_create(by=who["trader"], type="individual_export", data=chain)
    case = application_submit(by=who["trader"], application=draft).case
    _, text = page(client_for("caseworker"), f"/casework/cases/{case.pk}")
    asks = text.split('id="asks-1"')[1].split("</div>")[0]
    assert "ask the applicant" in asks and "inside circumference of each cuff" in asks
