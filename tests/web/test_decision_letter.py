"""The decision letter (#18, item 4): a refusal as a PDF in the authority's language, with the
reasons and how to ask for a review, read back with poppler; only the applicant and staff get it."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.decisions import case_decide
from torturefree_service.cases.letter import decision_pdf
from torturefree_service.cases.services import case_advise, case_assign
from torturefree_service.web.issued import document_languages

from web.test_documents import needs_poppler, read_back
from web.test_pages import BODY, client_for

pytestmark = pytest.mark.django_db


def refused(people: dict[str, Any]) -> Any:
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    case_advise(by=who["caseworker"], case=case, recommendation="refuse", reasons=["other"])
    return case_decide(
        by=who["senior"], case=case, outcome="refuse", reasons=["other"], text="Risk of misuse."
    )


@needs_poppler
@pytest.mark.parametrize(
    ("language", "font"), [("ar", "NotoNaskhArabic"), ("zh-hans", "NotoSansCJK")]
)
def test_a_refusal_letter_in_arabic_and_in_chinese(
    people: dict[str, Any], settings: Any, language: str, font: str
) -> None:
    settings.TORTUREFREE_HELP_CONTACT = "desk@bafa.example"
    decision = refused(people)
    text, fonts = read_back(
        decision_pdf(decision, document_languages(language)), f"decision-{language}"
    )
    with translation.override(language):
        words = [str(translation.gettext(t)) for t in ("Decision", "Reasons", "What you can do")]
    assert all(w in text for w in words) and "What you can do" not in text
    assert decision.case.application.reference in text and "desk@bafa.example" in text
    assert "Risk of misuse." in text  # the officer's own words, as written
    assert font in fonts.replace("-", "")


@needs_poppler
def test_a_bilingual_letter_and_the_review_period_of_the_profile(
    people: dict[str, Any], settings: Any
) -> None:
    settings.TORTUREFREE_JURISDICTION = "GB"  # GB.yaml records 28 days from the refusal letter
    decision = refused(people)
    text, _fonts = read_back(decision_pdf(decision, document_languages("fr,en")), "decision-fr-en")
    assert "Décision" in text and "Decision" in text and "28" in text


def test_only_the_applicant_and_staff_download_it(people: dict[str, Any]) -> None:
    decision = refused(people)
    application = decision.case.application
    url = f"/applications/{application.pk}/decisions/{decision.pk}/pdf"
    mine = client_for("trader").get(url)
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert mine.content.startswith(b"%PDF")
    assert client_for("caseworker").get(url).status_code == 200
    page = client_for("trader").get(f"/trader/applications/{application.pk}").content.decode()
    assert f'href="{url}"' in page
    assert client_for("trader2").get(url).status_code == 404  # another organisation's
    assert (
        client_for("trader").get(f"/applications/{application.pk}/decisions/999999/pdf").status_code
        == 404
    )
