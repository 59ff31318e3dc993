"""No dead ends (#20, item 5): each role's own home, refusals that say what to do next, case
states as their outcome, documents that open, the annual report on a year with data."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from torturefree_service.applications.services import (
    application_create,
    application_submit,
    application_withdraw,
    document_upload,
)

from web.conftest import make_person
from web.test_pages import BODY, client_for


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_each_role_signs_in_to_its_own_home(people: dict[str, Any]) -> None:
    make_person("admin", "administrator")
    homes = {"admin": "/admin/organisations", "trader": "/trader/", "caseworker": "/casework/"}
    for username, home in homes.items():
        landed = client_for(username).get("/")
        assert landed.status_code == 302 and landed["Location"] == home
        assert client_for(username).get(home).status_code == 200


def test_a_refused_page_says_what_to_do_next_and_links_it(people: dict[str, Any]) -> None:
    trader = client_for("trader")
    refused = trader.get("/casework/", HTTP_REFERER="http://testserver/trader/")
    text = text_of(refused)
    assert refused.status_code == 403 and "This page is not for your role." in text
    assert '<a href="http://testserver/trader/">Go back to the page you came from</a>' in text
    assert '<a href="/trader/">Go to your own pages</a>' in text
    assert "Sign out and sign in with another role" in text
    missing = client_for("caseworker").get("/casework/cases/999999")
    assert missing.status_code == 404 and '<a href="/casework/">Go to your own pages</a>' in (
        text_of(missing)
    )
    foreign = trader.get("/trader/applications/1", HTTP_REFERER="https://elsewhere.example/")
    assert "elsewhere.example" not in text_of(foreign)


def test_a_closed_case_reads_as_its_outcome(people: dict[str, Any]) -> None:
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    application_withdraw(by=who["trader"], application=draft)
    head = text_of(client_for("caseworker").get(f"/casework/cases/{case.pk}")).split("</dl>")[0]
    assert "<strong>Withdrawn</strong>" in head and "Closed" not in head
    mine = text_of(client_for("trader").get(f"/trader/applications/{draft.pk}"))
    assert "<strong>Withdrawn</strong></dd>" in mine and "Closed" not in mine


def test_an_uploaded_document_opens_for_officers_and_not_for_other_traders(
    people: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    statement = b"End-use statement: for the Policia Militar's training only."
    document = document_upload(
        by=who["trader"],
        application=draft,
        kind="end_use_statement",
        filename="statement.txt",
        content_type="text/plain",
        content=statement,
    )
    case = application_submit(by=who["trader"], application=draft).case
    page = text_of(client_for("caseworker").get(f"/casework/cases/{case.pk}"))
    assert f'<a href="/documents/{document.pk}">statement.txt</a>' in page
    opened = client_for("caseworker").get(f"/documents/{document.pk}")
    assert opened.status_code == 200 and b"".join(opened.streaming_content) == statement
    assert opened["Content-Type"].startswith("text/plain")
    assert opened["X-Content-Type-Options"] == "nosniff"
    assert client_for("trader2").get(f"/documents/{document.pk}").status_code == 404
    assert client_for("trader").get(f"/documents/{document.pk}").status_code == 200


def test_the_annual_report_opens_on_the_latest_year_with_data(people: dict[str, Any]) -> None:
    import datetime as dt

    from torturefree_service.reporting.services import store_flush
    from torturefree_service.web import reports

    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    application_submit(by=who["trader"], application=draft)
    store_flush()
    this_year = dt.date.today().year
    assert reports.latest_year(default=1999) == this_year
    page = client_for("auditor").get("/reports/annual/")
    assert page.status_code == 200
    text = text_of(page)
    assert str(this_year) in text.split("</h1>")[0]
    assert (
        f"<td>{this_year}</td>" in text
        and f"{this_year // 1000},{this_year % 1000:03d}" not in text
    )
    assert "<td>Brazil</td>" in text and "<td>BR</td>" not in text


def test_a_refusal_says_how_to_ask_for_review_and_the_footer_names_the_desk(
    people: dict[str, Any], settings: Any
) -> None:
    from torturefree_service.cases.decisions import case_decide
    from torturefree_service.cases.services import case_advise, case_assign

    settings.TORTUREFREE_HELP_CONTACT = "desk@bafa.example"
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    case_advise(by=who["caseworker"], case=case, recommendation="refuse", reasons=["other"])
    case_decide(by=who["senior"], case=case, outcome="refuse", reasons=["other"], text="No.")
    page = text_of(client_for("trader").get(f"/trader/applications/{draft.pk}"))
    after = page.split('id="after-refusal"')[1].split("</ul>")[0]
    assert '<a href="mailto:desk@bafa.example">desk@bafa.example</a>' in after
    assert draft.reference in after and "set by national law" in after
    assert '<a href="/trader/applications/new">Apply again</a>' in after
    footer = page.split('<footer class="site">')[1]
    assert 'help desk at <a href="mailto:desk@bafa.example">' in footer


def test_the_administrator_sees_the_settings_in_force(
    people: dict[str, Any], settings: Any
) -> None:
    settings.TORTUREFREE_HELP_CONTACT = "desk@bafa.example"
    make_person("admin", "administrator")
    page = text_of(client_for("admin").get("/admin/settings"))
    assert "<td>desk@bafa.example</td><td><code>TORTUREFREE_HELP_CONTACT</code></td>" in page
    assert "<td>20</td>" in page and "Français" in page
    assert '<a href="/admin/settings">Service settings</a>' in page
    assert client_for("caseworker").get("/admin/settings").status_code == 403


def test_a_refusal_gives_the_review_period_the_profile_records(
    people: dict[str, Any], settings: Any
) -> None:
    from torturefree_service.cases.decisions import case_decide
    from torturefree_service.cases.services import case_advise, case_assign

    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    case_advise(by=who["caseworker"], case=case, recommendation="refuse", reasons=["other"])
    decision = case_decide(by=who["senior"], case=case, outcome="refuse", reasons=["other"])
    eu_page = text_of(client_for("trader").get(f"/trader/applications/{draft.pk}"))
    assert 'id="review-period"' not in eu_page and "set by national law" in eu_page
    # GB's profile (data/profiles/GB.yaml) records 28 days from the refusal letter.
    settings.TORTUREFREE_JURISDICTION = "GB"
    page = text_of(client_for("trader").get(f"/trader/applications/{draft.pk}"))
    period = page.split('id="review-period">')[1].split("</span>")[0]
    until = decision.decided_on + dt.timedelta(days=28)
    assert "28 days from the date of the refusal letter" in period
    assert f"until {until.day} {until:%B %Y}" in period
    assert "legislation.gov.uk/uksi/2008/3231/article/33" in period
