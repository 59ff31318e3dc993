"""The case page's disposition form: a false positive is recorded with the date it expires on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import HttpResponse
from torturefree_service.applications.models import Application
from torturefree_service.checks import engines
from torturefree_service.checks.rescreen_subjects import party_query

from torturefree.screening.dispositions import history
from torturefree.screening.service import screen_queries
from web.test_pages import client_for
from web.test_screeningview import case_page, submitted

LISTED = {
    "id": "w-1",
    "schema": "Organization",
    "properties": {"name": ["Policia Militarr do Brasil"], "country": ["br"]},
}


def screened(people: dict[str, Any], watchlist: Any) -> tuple[Application, str]:
    """A submitted case whose party hits w-1 on tf-web, and that hit's key on the case page."""
    watchlist(LISTED)
    application = submitted(people)
    found = re.search(
        r'name="entity_id" value="w-1"><input type="hidden" name="hit" value="([^"]+)">',
        case_page(application),
    )
    assert found, "no disposition form for the hit"
    return application, found.group(1)


def dispose(application: Application, key: str, **fields: str) -> HttpResponse:
    data = {
        "party_id": str(application.parties.get().pk),
        "watchlist": "tf-web",
        "entity_id": "w-1",
        "hit": key,
        "reason": "Another force: the Brazilian military police, not this one.",
        **fields,
    }
    url = f"/casework/cases/{application.case.pk}/dispositions"
    response: HttpResponse = client_for("caseworker").post(url, data)
    return response


def recorded() -> list[Any]:
    return history(engines.watchlists())


def spaced(response: HttpResponse) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_false_positive_is_recorded_with_its_expiry_and_then_suppressed(
    people: dict[str, Any], watchlist: Any
) -> None:
    application, key = screened(people, watchlist)
    html = case_page(application)
    # The field: a labelled date input with its hint tied to it, empty (no parameter sets a default).
    assert f'<label for="ex-{key}">Expires on <span class="opt">(optional)</span></label>' in html
    assert (
        f'<p class="hint" id="ex-{key}-hint">A false positive needs one: it hides the same hit'
        " until that date, or until the listed entity changes.</p>"
    ) in html
    assert (
        f'<input type="date" id="ex-{key}" name="expires_at" aria-describedby="ex-{key}-hint">'
        in html
    )
    until = dt.date.today() + dt.timedelta(days=90)
    response = dispose(application, key, status="false_positive", expires_at=until.isoformat())
    assert response.status_code == 302
    [disposition] = recorded()
    assert (disposition.status, disposition.expires_at) == ("false_positive", until.isoformat())
    shown = f"{until.day} {until.strftime('%B')} {until.year}"
    assert (
        f"— <strong>False positive</strong> until {shown}: Another force: the Brazilian military"
        " police, not this one. (caseworker:caseworker)"
    ) in case_page(application)
    # Screening the party again lists the hit as suppressed, not as a match.
    [result] = screen_queries(engines.watchlists(), [party_query(application.parties.get())])
    assert [m["entity_id"] for m in result["suppressed"]] == ["w-1"]
    assert "w-1" not in [m["entity_id"] for m in result["matches"]]


def test_a_false_positive_without_expiry_is_refused_at_the_field(
    people: dict[str, Any], watchlist: Any
) -> None:
    application, key = screened(people, watchlist)
    response = dispose(application, key, status="false_positive", expires_at="")
    assert response.status_code == 400
    html = spaced(response)
    assert (
        f'<p class="error" id="ex-{key}-error"><span class="sr-only">Error: </span>'
        "a false positive needs an expiry date</p>"
    ) in html
    assert (
        f'<input type="date" id="ex-{key}" name="expires_at" value=""'
        f' aria-describedby="ex-{key}-hint ex-{key}-error" aria-invalid="true">'
    ) in html
    summary = html[html.index('<div class="error-summary"') :]
    assert f'<a href="#ex-{key}">Expires on: a false positive needs an expiry date</a>' in summary
    # What was typed is kept on that hit's form.
    assert '<option value="false_positive" selected>' in html
    assert 'value="Another force: the Brazilian military police, not this one."' in html
    assert recorded() == []


def test_an_expiry_today_or_before_is_refused(people: dict[str, Any], watchlist: Any) -> None:
    application, key = screened(people, watchlist)
    for day in (dt.date.today() - dt.timedelta(days=1), dt.datetime.now(dt.UTC).date()):
        response = dispose(application, key, status="false_positive", expires_at=day.isoformat())
        assert response.status_code == 400
        html = spaced(response)
        assert f'id="ex-{key}-error"><span class="sr-only">Error: </span>the expiry date' in html
        assert f'value="{day.isoformat()}"' in html
    assert recorded() == []


def test_a_true_match_needs_no_expiry(people: dict[str, Any], watchlist: Any) -> None:
    application, key = screened(people, watchlist)
    response = dispose(application, key, status="true_match", expires_at="")
    assert response.status_code == 302
    [disposition] = recorded()
    assert (disposition.status, disposition.expires_at) == ("true_match", None)
    html = case_page(application)
    assert "— <strong>True match</strong>: Another force" in html
    assert "</strong> until" not in html


def test_the_french_page_names_the_field_in_french(people: dict[str, Any], watchlist: Any) -> None:
    application, key = screened(people, watchlist)
    html = case_page(application, "fr")
    assert f'<label for="ex-{key}">Expire le <span class="opt">(facultatif)</span></label>' in html
    hint = re.search(rf'<p class="hint" id="ex-{key}-hint">([^<]+)</p>', html)
    assert hint and "faux positif" in hint.group(1) and "false positive" not in hint.group(1)
    dispose(application, key, status="false_positive", expires_at="2099-01-01")
    assert "— <strong>Faux positif</strong> jusqu’au 1 janvier 2099:" in case_page(
        application, "fr"
    )
