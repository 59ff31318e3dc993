"""Labels, not codes (#20, item 6): countries, figures, units and dates in the reader's language."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from django.utils import translation
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.web import formats

from web.test_pages import BODY, client_for


def test_figures_dates_and_countries_follow_the_language() -> None:
    with translation.override("en"):
        assert formats.country("KE") == "Kenya" and formats.number("100.000") == "100"
        assert formats.number("1234.50") == "1,234.5"
        assert formats.day(dt.date(2026, 12, 6)) == "6 December 2026"
        assert formats.money("1200", "EUR") == "€1,200.00"
    with translation.override("fr"):
        assert formats.country("CL") == "Chili" and formats.number("1234.5") == "1\u202f234,5"
        assert formats.day("2026-12-06") == "6 décembre 2026"
    with translation.override("ru"):
        assert formats.country("KE") == "Кения"
    assert formats.country("XY") == "XY" and formats.number("n/a") == "n/a"


def test_pages_name_countries_and_units_not_codes(people: dict[str, Any]) -> None:
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    mine = html.unescape(
        client_for("trader").get(f"/trader/applications/{draft.pk}").content.decode()
    )
    assert "<dd>Brazil</dd>" in mine and "10 pieces" in mine and "10.000" not in mine
    officer = client_for("caseworker")
    page = html.unescape(officer.get(f"/casework/cases/{case.pk}").content.decode())
    assert "Brazil — Law enforcement" in page and "(Exporter, Germany)" in page
    assert "€1,200.00" in page
    officer.post("/language", {"language": "fr", "next": "/"})
    french = html.unescape(officer.get(f"/casework/cases/{case.pk}").content.decode())
    assert "Brésil" in french and "(Exportateur, Allemagne)" in french


def test_the_licence_pdf_template_uses_labels(people: dict[str, Any]) -> None:
    from django.template.loader import render_to_string
    from torturefree_service.licences.models import Licence
    from torturefree_service.web.issued import document_languages, headings

    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    application_submit(by=who["trader"], application=draft)
    licence = Licence(
        number="DE-2026-1",
        kind="individual",
        organisation=draft.organisation,
        application=draft,
        destination="KE",
        issued_on=dt.date(2026, 12, 6),
        valid_until=dt.date(2027, 12, 6),
        status="issued",
    )
    with translation.override("en"):
        text = render_to_string(
            "web/documents/licence.html",
            {
                "licence": licence,
                "application": draft,
                "lines": [],
                "end_users": [],
                "languages": document_languages("en"),
                "h": headings(document_languages("en")),
            },
        )
    for code in ("individual_export", "law_enforcement", ">issued<", "Dec. 6, 2026", ">KE<"):
        assert code not in text
    for words in ("Individual export authorisation", "Law enforcement", "Issued on", "Kenya"):
        assert words in text
    assert (
        "6 December 2026" in text
        and 'Individual authorisation <bdi class="ltr">DE-2026-1</bdi>' in text
    )
