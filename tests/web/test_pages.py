"""Pages through Django's test client: roles, bad input kept, the appended selectors, French."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from torturefree_service.applications import services
from torturefree_service.applications.selectors import application_preview, party_history
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.selectors import case_trail, questions_open, rating_precedents
from torturefree_service.cases.services import case_ask, case_assign
from torturefree_service.errors import Invalid
from torturefree_service.organisations.services import organisation_register

LOCALE = (
    Path(__file__).resolve().parents[2] / "torturefree_service" / "locale" / "fr" / "LC_MESSAGES"
)
BODY = {
    "destination": "BR",
    "end_use": "law_enforcement",
    "lines": [{"description": "stun gun, 50 kV, handheld", "quantity": 10, "value": 1200}],
    "parties": [{"role": "end_user", "name": "Policia Militar", "country": "BR"}],
}


def client_for(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password="demo-password")
    return client


def test_a_draft_shows_why_each_line_is_controlled(people: dict[str, Any]) -> None:
    trader = people["people"]["trader"]
    draft = application_create(by=trader, type="individual_export", data=BODY)
    preview = application_preview(person=trader, application=draft)
    entry = preview["identification"][0]["entries"][0]["id"]
    assert entry == "eu-2019-125/portable-electric-discharge-weapons"
    assert preview["determination"]["goods"][0]["outcome"] == "licence_required"
    page = client_for("trader").get(f"/trader/applications/{draft.pk}/draft/goods")
    assert "Portable electric discharge weapons" in page.content.decode()
    assert [p.name for p in party_history(person=trader)] == ["Policia Militar"]
    assert party_history(person=people["people"]["trader2"]) == []


def test_bad_input_names_the_field_and_keeps_what_was_typed(people: dict[str, Any]) -> None:
    trader = people["people"]["trader"]
    draft = application_create(by=trader, type="individual_export", data={"destination": "BR"})
    typed = {"description": "thumb cuffs, steel", "cn_code": "7326", "quantity": "abc"}
    page = client_for("trader").post(f"/trader/applications/{draft.pk}/lines", typed)
    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="id_quantity-error"' in html and 'aria-invalid="true"' in html
    assert "thumb cuffs, steel" in html and 'value="7326"' in html and 'value="abc"' in html
    start = client_for("trader").post("/trader/applications/new", {"type": "brokering"})
    assert start.status_code == 200 and 'id="id_destination-error"' in start.content.decode()


@pytest.mark.parametrize(("step", "typed"), [
    ("lines", {"description": "thumb cuffs", "quantity": "2", "unit": "pieces", "currency": "EUR"}),
    ("parties", {"role": "end_user", "name": "Policia Civil", "country": "BR"}),
])  # fmt: skip
def test_a_refusal_on_the_added_row_lands_on_its_field(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch, step: str, typed: dict[str, str]
) -> None:
    """The service names the new row by its place after the rows already there."""
    trader = people["people"]["trader"]
    draft = application_create(by=trader, type="individual_export", data=BODY)
    field = "unit" if step == "lines" else "name"

    def refuse(*, data: dict[str, Any], **_: Any) -> None:
        rows = data[step]
        assert len(rows) == 2  # the line or party of BODY, then the one typed
        raise Invalid("refused here", field=f"{step}[{len(rows) - 1}].{field}")

    monkeypatch.setattr(services, "application_update", refuse)
    page = client_for("trader").post(f"/trader/applications/{draft.pk}/{step}", typed)
    html = page.content.decode()
    assert page.status_code == 400
    assert f'id="id_{field}-error"' in html and "refused here" in html


def test_questions_keep_a_badge_until_answered(people: dict[str, Any]) -> None:
    who = people["people"]
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    question = case_ask(by=who["caseworker"], case=case, text="Who signs the statement?")
    trader = client_for("trader")
    assert 'class="badge"' in trader.get("/trader/").content.decode()
    assert questions_open(person=who["trader"]).count() == 1
    empty = trader.post(f"/trader/questions/{question.pk}/answer", {"answer": ""})
    assert empty.status_code == 400
    trader.post(f"/trader/questions/{question.pk}/answer", {"answer": "The chief of police."})
    assert questions_open(person=who["trader"]).count() == 0
    assert 'class="badge"' not in trader.get("/trader/").content.decode()
    verbs = [e.verb for e in case_trail(person=who["caseworker"], case=case)]
    assert "case.ask" in verbs and "case.answer" in verbs
    assert rating_precedents(person=who["caseworker"], line=draft.lines.first()) == []


def test_roles_see_only_their_pages(people: dict[str, Any]) -> None:
    assert client_for("trader").get("/casework/").status_code == 403
    assert client_for("caseworker").get("/trader/").status_code == 403
    assert client_for("auditor").get("/casework/").status_code == 200
    assert Client().get("/casework/").status_code == 302  # sign in first
    other = application_create(by=people["people"]["trader2"], type="individual_export", data=BODY)
    assert client_for("trader").get(f"/trader/applications/{other.pk}").status_code == 404


def test_saved_views_keep_only_queue_filters(people: dict[str, Any]) -> None:
    caseworker = client_for("caseworker")
    caseworker.post("/casework/views", {"name": "Mine", "query": "assigned=me&evil=1&status=new"})
    page = caseworker.get("/casework/").content.decode()
    assert "?assigned=me&amp;status=new" in page and "evil" not in page


def test_registration_makes_a_draft_organisation(db: Any) -> None:
    person = organisation_register(
        name="Neue Firma UG", kind="exporter", country="DE", username="neu", password="x" * 12
    )
    assert person.organisation.status == "draft" and person.role == "trader"
    page = Client().post("/register", {"name": "", "kind": "exporter", "username": "a"})
    assert page.status_code == 200 and 'id="id_name-error"' in page.content.decode()


def test_public_pages_need_no_login(db: Any) -> None:
    client = Client()
    assert client.get("/verify/NOT-A-CODE").status_code == 404
    assert client.get("/lists/?date=2019-12-31").status_code == 200
    changes = client.get("/lists/changes?before=2019-12-31&after=2025-12-31")
    assert changes.status_code == 200 and "Changes to the control lists" in changes.content.decode()
    assert client.get("/lists/entry/eu-2019-125/thumb-cuffs").status_code == 200
    french = client.get("/lists/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Listes de contrôle en vigueur" in french.content.decode()


@pytest.mark.parametrize("language", ["fr"])
def test_the_catalogue_is_complete_and_compiled(language: str) -> None:
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    assert not re.search(r'msgstr ""\n\n', po.split("\n\n", 1)[1] + "\n\n"), "untranslated"
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', po, flags=re.M)
    assert len(pairs) > 300

    contexts = set(re.findall(r'^msgctxt "(.+)"$', po, flags=re.M))

    def compiled_as(msgid: str) -> set[str]:
        msgid = msgid.replace('\\"', '"')
        return {compiled.gettext(msgid), *(compiled.pgettext(c, msgid) for c in contexts)}

    stale = [i for i, text in pairs if text.replace('\\"', '"') not in compiled_as(i)]
    assert not stale, f"the .mo is older than the .po (run msgfmt): {stale[:5]}"
