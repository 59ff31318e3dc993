"""The case page explains each stored screening hit: alias, rule, name parts, facts, versions."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.utils.translation import override
from torturefree_service.applications.models import Application
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.models import RescreenAlert
from torturefree_service.checks.dispositions import disposition_record
from torturefree_service.checks.rescreening import cases_rescreen
from torturefree_service.web.screeningview import hit_explained, signed

from web.test_pages import BODY, client_for

# A party's result as the checks on submit store it (screen_queries' shape), with one hit that
# carries its explanation and one stored without (a result older than explanations).
EXPLAINED = {
    "watchlist": "un-sc",
    "entity_id": "QDi.999",
    "caption": "MOHAMMAD HASAN TEHRANI",
    "matched_name": "محمد حسن",
    "score": 0.81,
    "explanation": {
        "algorithm": "name_v3",
        "matched_alias": "محمد حسن",
        "alias_is_weak": True,
        "name": {
            "name_score": 0.9,
            "rule": "aligned_with_conflict",
            "aligned": [
                {"query": "mohamad", "alias": "mhmd", "similarity": 0.9, "how": "abjad"},
                {"query": "hasen", "alias": "hasan", "similarity": 0.722, "how": "typo"},
            ],
            "unmatched_query": ["karimi"],
            "unmatched_alias": ["tehrani"],
            "information": 5.1,
        },
        "name_score": 0.81,
        "features": [
            {
                "feature": "birth_date",
                "query": "1965",
                "entity": ["1965"],
                "outcome": "match",
                "delta": 0.1,
            },
            {
                "feature": "country",
                "query": "ir",
                "entity": ["sy"],
                "outcome": "mismatch",
                "delta": -0.1,
            },
        ],
    },
    "schema": "Person",
    "entity_hash": "0123456789abcdef",
}
UNEXPLAINED = {
    "watchlist": "ofac",
    "entity_id": "4321",
    "caption": "POLICIA MILITAR EXPORTS",
    "matched_name": "POLICIA MILITAR EXPORTS",
    "score": 0.74,
}
LISTING = {
    "watchlist": "torture-list",
    "entity_id": "tt-country-sy",
    "caption": "Syria",
    "reason": "Systematic torture in places of detention",
    "source": "UN Commission of Inquiry",
    "listed_on": "2024-05-01",
    "review_date": "2025-05-01",
    "status": "under_review",
    "explanation": "the party's country is on the torture-trade watchlist (seed ¶109)",
}


def stored(application: Application, matches: list[dict[str, Any]], **extra: Any) -> None:
    """Put this party result where the checks on submit keep it (the latest CheckRun)."""
    run = application.checks.first()
    assert run is not None
    party = application.parties.get()
    run.screening = [
        {
            "id": f"party/{party.pk}",
            "query": {"name": party.name},
            "subject_key": "party/x:policia militar",
            "matches": copy.deepcopy(matches),
            **extra,
        }
    ]
    run.save(update_fields=["screening"])


def submitted(people: dict[str, Any]) -> Application:
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    application_submit(by=who["trader"], application=draft)
    return draft


def case_page(application: Application, language: str = "en", summary: bool = False) -> str:
    url = f"/casework/cases/{application.case.pk}" + ("/summary" if summary else "")
    page = client_for("caseworker").get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return re.sub(r"\s+", " ", page.content.decode())


def why(html: str) -> str:
    """The first 'Why this score' disclosure."""
    found = re.search(r'<details class="why"( open)?>.*?</details>', html)
    assert found, "no 'Why this score' disclosure"
    return found.group(0)


def test_a_stored_hit_explains_its_score(people: dict[str, Any]) -> None:
    application = submitted(people)
    stored(
        application,
        [EXPLAINED],
        algorithm="name_v3",
        data_versions=["un-sc@3#5af134c9a2a8", "torture-list@1#0badc0ffee00"],
        screened_at="2026-11-29T02:17:13+00:00",
        country_listings=[LISTING],
    )
    html = case_page(application)
    assert (
        "possible match “<bdi>MOHAMMAD HASAN TEHRANI</bdi>” on un-sc: score 0.81 (name score 0.81),"
        " matched on the alias “<bdi>محمد حسن</bdi>” — an alias the list itself calls weak"
    ) in html
    disclosure = why(html)
    assert "<summary>Why this score" in disclosure
    assert "its name score counts ×0.9" not in disclosure  # no config stored: no factor claimed
    assert (
        "name parts compared one by one; both names keep a distinctive part the other lacks"
        in disclosure
    )
    assert (
        "<bdi>mohamad</bdi> → <bdi>mhmd</bdi>: same consonants across Arabic and Latin script,"
        " similarity 0.90"
    ) in disclosure
    assert (
        "<bdi>hasen</bdi> → <bdi>hasan</bdi>: close spelling (a typing slip), similarity 0.72"
        in disclosure
    )
    assert "no counterpart</dt><dd><bdi>karimi</bdi></dd>" in disclosure
    assert "no counterpart</dt><dd><bdi>tehrani</bdi></dd>" in disclosure
    assert "<li>birth date 1965 matches 1965: +0.10</li>" in disclosure
    assert "<li>country ir vs sy: \u22120.10</li>" in disclosure
    assert "name score 0.81, other facts 0.00: score 0.81" in disclosure
    # Once per party: what screened it, and the ¶109 country flag its result carried.
    assert html.count("Screened with the matching algorithm") == 1
    assert (
        "Screened with the matching algorithm name_v3 against the list versions "
        "un-sc@3#5af134c9a2a8, torture-list@1#0badc0ffee00 (29 Nov 2026"
    ) in html
    flag = html[html.index("torture-trade watchlist (¶109)") :]
    for shown in (
        "<bdi>Syria</bdi> on torture-list",
        "Systematic torture in places of detention",
        "UN Commission of Inquiry",
        "<dt>Listed on</dt><dd>2024-05-01</dd>",
        "<dt>Status</dt><dd>under review</dd>",
    ):
        assert shown in flag
    # The printable summary shows the same breakdown, open.
    printed = case_page(application, summary=True)
    assert '<details class="why" open>' in printed
    assert "<li>country ir vs sy: \u22120.10</li>" in why(printed)


def test_the_weak_alias_discount_is_named_from_the_stored_config(people: dict[str, Any]) -> None:
    application = submitted(people)
    stored(
        application, [EXPLAINED], algorithm="name_v3", algorithm_config={"weak_alias_factor": 0.9}
    )
    assert "its name score counts ×0.9" in why(case_page(application))


def test_the_french_page_explains_in_french(people: dict[str, Any]) -> None:
    application = submitted(people)
    stored(
        application,
        [EXPLAINED],
        algorithm="name_v3",
        data_versions=["un-sc@3#5af134c9a2a8"],
        country_listings=[LISTING],
    )
    html = case_page(application, "fr")
    assert "score 0,81 (score du nom 0,81)" in html
    disclosure = why(html)
    assert "<summary>Pourquoi ce score" in disclosure
    assert "mêmes consonnes en écriture arabe et latine, similarité 0,90" in disclosure
    assert "orthographe proche (une faute de frappe), similarité 0,72" in disclosure
    assert "<li>date de naissance 1965 correspond à 1965 : +0,10</li>" in disclosure
    assert "<li>pays ir contre sy : \u22120,10</li>" in disclosure
    assert "parties du nom comparées une à une" in disclosure
    assert "Criblé avec l’algorithme de correspondance name_v3" in html
    assert "<dd>en cours de réexamen</dd>" in html
    assert "Why this score" not in html and "same consonants" not in html


def test_a_hit_stored_without_its_explanation_still_shows(people: dict[str, Any]) -> None:
    application = submitted(people)
    stored(application, [UNEXPLAINED, EXPLAINED])  # no algorithm, versions or listings either
    html = case_page(application)
    assert (
        "possible match “<bdi>POLICIA MILITAR EXPORTS</bdi>” on ofac: score 0.74,"
        " matched on the alias “<bdi>POLICIA MILITAR EXPORTS</bdi>”"
        " — no explanation was stored with this hit"
    ) in html
    assert html.count('<details class="why">') == 1  # only the explained hit has one
    assert "Screened with the matching algorithm" not in html
    assert "torture-trade watchlist (¶109)" not in html
    assert case_page(application, summary=True).count('<details class="why" open>') == 1


def test_the_print_style_keeps_the_explanation(people: dict[str, Any]) -> None:
    css = (
        Path(__file__).resolve().parents[2] / "torturefree_service/static/web/site.css"
    ).read_text()
    hidden = re.search(r"@media print \{\s*(?:/\*.*?\*/\s*)?([^{]+)\{ display: none", css, re.S)
    assert hidden and "details:not([open]):not(.why)" in hidden.group(1)
    assert "details.why::details-content { content-visibility: visible; }" in css


def test_the_page_shows_the_explanation_recorded_on_submit(
    people: dict[str, Any], watchlist: Any
) -> None:
    """Screened for real on submit; a later list version does not change what the page says."""
    listed = {
        "id": "w-1",
        "schema": "Organization",
        "properties": {"name": ["Policia Militarr do Brasil"], "country": ["br"]},
    }
    watchlist(listed)
    application = submitted(people)
    [result] = [r for r in application.checks.get().screening if r["id"].startswith("party/")]
    [hit] = result["matches"]
    assert hit["explanation"]["matched_alias"] == "Policia Militarr do Brasil"
    before = case_page(application)
    assert "matched on the alias “<bdi>Policia Militarr do Brasil</bdi>”" in before
    [country] = [f for f in hit["explanation"]["features"] if f["feature"] == "country"]
    assert f"<li>country br matches br: +{country['delta']:.2f}</li>" in why(before)
    assert re.search(r"the list versions tf-web@1#[0-9a-f]{12} ", before)

    watchlist({**listed, "properties": {"name": ["Someone Else Entirely"], "country": ["fr"]}})
    after = case_page(application)
    assert why(after) == why(before)
    assert re.search(r"the list versions tf-web@1#[0-9a-f]{12} ", after)


def alerted(application: Application, kind: str, match: dict[str, Any]) -> RescreenAlert:
    """A re-screening alert on the case's party, as cases_rescreen stores it."""
    return RescreenAlert.objects.create(
        case=application.case,
        party=application.parties.get(),
        watchlist=match["watchlist"],
        entity_id=match["entity_id"],
        data_version="un-sc@4#77aa00bb11cc",
        kind=kind,
        score=match["score"],
        match=copy.deepcopy(match),
    )


def rescreened(html: str) -> str:
    """The page from the re-screening alerts on."""
    assert "Found on re-screening" in html or "Trouvé lors d’un nouveau criblage" in html
    return html[html.index('<h3 id="rescr-h">') :]


def test_a_rescreening_alert_explains_its_score(people: dict[str, Any]) -> None:
    application = submitted(people)
    stored(application, [])
    alert = alerted(application, "changed", {**EXPLAINED, "previous_score": 0.7})
    alerts = rescreened(case_page(application))
    assert (
        "<strong>Policia Militar</strong> (End user): a changed hit, raised by the list version"
        " un-sc@4#77aa00bb11cc (score before: 0.70) — <strong>open: it stops a grant until a"
        " disposition is recorded</strong>"
    ) in alerts
    assert "possible match “<bdi>MOHAMMAD HASAN TEHRANI</bdi>” on un-sc: score 0.81" in alerts
    disclosure = why(alerts)
    assert "<summary>Why this score" in disclosure
    assert "its name score counts ×" not in disclosure  # the alert keeps no config
    assert "<bdi>mohamad</bdi> → <bdi>mhmd</bdi>: same consonants" in disclosure
    assert "<li>country ir vs sy: \u22120.10</li>" in disclosure
    assert "name score 0.81, other facts 0.00: score 0.81" in disclosure
    # The same disposition form as a hit found on submit, with ids of its own.
    assert f'<select id="st-a{alert.pk}" name="status">' in alerts
    assert f'name="entity_id" value="{EXPLAINED["entity_id"]}"' in alerts
    printed = rescreened(case_page(application, summary=True))
    assert "(score before: 0.70)" in printed
    assert '<details class="why" open>' in printed and "<select" not in printed


def test_a_new_alert_without_explanation_says_so_and_a_resolved_one_says_how(
    people: dict[str, Any],
) -> None:
    application = submitted(people)
    stored(application, [])
    alert = alerted(application, "new", UNEXPLAINED)
    alert.resolved_at, alert.disposition = alert.created_at, "false_positive"
    alert.save()
    alerts = rescreened(case_page(application))
    assert (
        "a new hit, raised by the list version un-sc@4#77aa00bb11cc — resolved: False positive"
        in (alerts)
    )
    assert "score before" not in alerts
    assert "no explanation was stored with this hit" in alerts
    assert '<details class="why">' not in alerts


def test_the_french_page_explains_an_alert_in_french(people: dict[str, Any]) -> None:
    application = submitted(people)
    stored(application, [])
    alerted(application, "changed", {**EXPLAINED, "previous_score": 0.7})
    alerts = rescreened(case_page(application, "fr"))
    assert "un résultat modifié, soulevé par la version de liste un-sc@4#77aa00bb11cc" in alerts
    assert "(score avant : 0,70)" in alerts
    assert "ouvert : il empêche l’octroi tant qu’aucune suite n’y est donnée" in alerts
    disclosure = why(alerts)
    assert "<summary>Pourquoi ce score" in disclosure
    assert "<li>pays ir contre sy : \u22120,10</li>" in disclosure
    assert "Found on re-screening" not in alerts and "raised by" not in alerts


def test_a_real_rescreening_alert_is_explained_and_resolved(
    people: dict[str, Any], watchlist: Any
) -> None:
    """cases_rescreen stores the whole hit; the page explains it and a disposition resolves it."""
    watchlist({"id": "w-0", "schema": "Person", "properties": {"name": ["Jane Roe"]}})
    application = submitted(people)
    listed = {
        "id": "w-1",
        "schema": "Organization",
        "properties": {"name": ["Policia Militarr do Brasil"], "country": ["br"]},
    }
    watchlist({"id": "w-0", "schema": "Person", "properties": {"name": ["Jane Roe"]}}, listed)
    caseworker = people["people"]["caseworker"]
    [alert] = cases_rescreen(by=caseworker, watchlist="tf-web")["alerts"]
    stored_alert = RescreenAlert.objects.get(pk=alert["id"])
    assert stored_alert.match["explanation"]["matched_alias"] == "Policia Militarr do Brasil"
    alerts = rescreened(case_page(application))
    assert re.search(
        r"a new hit, raised by the list version tf-web@2#[0-9a-f]{12} — <strong>open", alerts
    )
    assert "matched on the alias “<bdi>Policia Militarr do Brasil</bdi>”" in alerts
    assert "<li>country br matches br: +" in why(alerts)

    disposition_record(
        by=caseworker,
        case=application.case,
        party_id=application.parties.get().pk,
        watchlist="tf-web",
        entity_id="w-1",
        status="false_positive",
        reason="Another force: other state.",
        expires_at=dt.date(2099, 1, 1),
    )
    alerts = rescreened(case_page(application))
    assert "— resolved: False positive" in alerts
    assert (
        "— <strong>False positive</strong> until 1 January 2099: Another force: other state. ("
        in alerts
    )


@override("en")  # a page test before may leave French active in this thread
def test_effects_carry_their_sign_and_a_capped_score_says_so() -> None:
    assert (signed(0.1), signed(-0.05), signed(0.0), signed(0.004)) == (
        "+0.10",
        "\u22120.05",
        "0.00",
        "0.00",
    )
    near = {"feature": "birth_date", "query": "1965", "entity": ["1966"], "outcome": "near"}
    full = copy.deepcopy(EXPLAINED)
    full["score"] = 1.0
    full["explanation"]["name_score"] = 0.95
    full["explanation"]["features"] = [{**near, "delta": 0.0}, {**near, "delta": 0.1}]
    explained = hit_explained(full, {})
    assert explained is not None and explained["capped"] and explained["moved"] == "+0.10"
    assert explained["features"][0]["text"] == "birth date 1965 is close to 1966: 0.00"
    plain = hit_explained(EXPLAINED, {})
    assert plain is not None and not plain["capped"]
    assert hit_explained(UNEXPLAINED, {}) is None
