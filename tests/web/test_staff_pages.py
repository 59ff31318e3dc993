"""Senior officers' licence actions, denial import, administrators' and auditors' pages."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.decisions import case_decide
from torturefree_service.cases.services import case_advise, case_assign
from torturefree_service.denials.models import Denial
from torturefree_service.licences.models import Licence
from torturefree_service.organisations.models import Organisation, Person

from web.conftest import make_person
from web.test_pages import BODY, client_for


def issued_licence(who: dict[str, Person]) -> Licence:
    draft = application_create(by=who["trader"], type="individual_export", data=BODY)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    case_advise(by=who["caseworker"], case=case, recommendation="grant", reasons=[])
    case_decide(
        by=who["senior"], case=case, outcome="grant", reasons=[], text="", conditions="",
        validity_months=6,
    )  # fmt: skip
    return Licence.objects.get(application=draft)


def test_senior_officers_act_on_licences_and_mistakes_keep_what_was_typed(
    people: dict[str, Any],
) -> None:
    licence = issued_licence(people["people"])
    senior, url = client_for("senior"), f"/licences/{licence.pk}"
    page = senior.get(url).content.decode()
    assert "Senior officer actions" in page and 'value="suspend"' in page
    assert 'value="reinstate"' not in page  # only what the licence's state allows
    assert "Senior officer actions" not in client_for("caseworker").get(url).content.decode()
    assert client_for("caseworker").post(f"{url}/actions").status_code == 403

    missing = senior.post(f"{url}/actions", {"act-action": "suspend", "act-reason": ""})
    html = missing.content.decode()
    assert missing.status_code == 400 and 'id="id_act-reason-error"' in html
    assert "<details open>" in html and re.search(r'value="suspend"[^>]*checked', html)

    done = senior.post(f"{url}/actions", {"act-action": "suspend", "act-reason": "inspection"})
    assert done.status_code == 302
    licence.refresh_from_db()
    assert licence.status == "suspended"
    assert 'value="reinstate"' in senior.get(url).content.decode()
    senior.post(f"{url}/actions", {"act-action": "reinstate", "act-reason": "resolved"})
    licence.refresh_from_db()
    assert licence.status == "issued"

    too_long = senior.post(f"{url}/extend", {"ext-months": "24"})
    assert too_long.status_code == 400
    assert 'id="id_ext-months-error"' in too_long.content.decode()  # the service's limit
    assert senior.post(f"{url}/extend", {"ext-months": "2"}).status_code == 302
    assert (
        senior.post(f"{url}/conditions", {"cond-conditions": "Police use only."}).status_code == 302
    )

    ship = {"lines-quantity_1": "0", "lines-value_1": "1200", "lines-reason": "typo fixed"}
    bad = senior.post(f"{url}/lines", ship)
    assert bad.status_code == 400 and 'id="id_lines-quantity_1-error"' in bad.content.decode()
    assert "typo fixed" in bad.content.decode()
    ship["lines-quantity_1"] = "8"
    assert senior.post(f"{url}/lines", ship).status_code == 302
    licence.refresh_from_db()
    assert licence.extended_months == 2 and licence.conditions == "Police use only."
    assert licence.lines.get().quantity == 8


def test_denial_import_names_the_row_and_keeps_the_paste(people: dict[str, Any]) -> None:
    """The import is a background job: a bad row fails it, its page names the row beside the
    kept paste, and nothing is stored; corrected, it is done and the rows are there."""
    caseworker = client_for("caseworker")
    head = "issuing_state,reference,decided_on,destination,end_user_name\n"
    pasted = head + "FR,FR-2025-1,2025-01-10,BR,Policia\nNL,NL-2025-7,not a date,BR,X\n"
    asked = caseworker.post("/casework/denials/import", {"format": "csv", "content": pasted})
    assert asked.status_code == 302 and asked["Location"].startswith("/jobs/")
    page = caseworker.get(asked["Location"])
    html = page.content.decode()
    assert "Failed" in html and 'id="id_content-error"' in html
    assert "Row 2 after the header, decided_on" in html and "NL-2025-7,not a date" in html
    assert 'http-equiv="refresh"' not in html  # finished: no more refreshing
    assert not Denial.objects.exists()  # all or nothing
    empty = caseworker.post("/casework/denials/import", {"format": "csv", "content": ""})
    assert empty.status_code == 400 and 'id="id_content-error"' in empty.content.decode()
    good = pasted.replace("not a date", "2025-02-01")
    done = caseworker.post("/casework/denials/import", {"format": "csv", "content": good})
    assert "2 notifications added" in caseworker.get(done["Location"]).content.decode()
    assert Denial.objects.filter(direction="incoming").count() == 2
    listed = caseworker.get("/casework/denials").content.decode()
    # Labels, not codes (#20): states by name, dates as written.
    assert "<td>Netherlands</td>" in listed and "<td>Brazil</td>" in listed
    assert "1 Feb 2025" in listed and "<td>BR</td>" not in listed
    assert client_for("senior").get(done["Location"]).status_code == 404  # not their job
    assert client_for("auditor").get("/casework/denials/import").status_code == 403


def test_administrators_vet_organisations_and_add_people(people: dict[str, Any]) -> None:
    make_person("admin", "administrator")
    draft = Organisation.objects.create(name="New Co", kind="exporter", country="DE")
    admin = client_for("admin")
    page = admin.get("/admin/organisations").content.decode()
    assert page.index("New Co") < page.index("Acme Security Exports")  # waiting ones first
    refused = admin.post(f"/admin/organisations/{draft.pk}/vetting", {f"org{draft.pk}-action": "x"})
    assert refused.status_code == 400
    vetted = admin.post(
        f"/admin/organisations/{draft.pk}/vetting", {f"org{draft.pk}-action": "activate"}
    )
    assert vetted.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "active"

    typed = {"username": "newcw", "password": "short", "role": "caseworker", "organisation": ""}
    short = admin.post("/admin/people", typed)
    assert short.status_code == 400 and 'value="newcw"' in short.content.decode()
    typed |= {"password": "long-enough-1", "organisation": str(draft.pk)}
    mixed = admin.post("/admin/people", typed)  # the service: staff belong to no organisation
    assert mixed.status_code == 400 and "only traders" in mixed.content.decode()
    typed["organisation"] = ""
    assert admin.post("/admin/people", typed).status_code == 302
    assert Client().login(username="newcw", password="long-enough-1")
    for role in ("caseworker", "senior", "auditor", "trader"):
        assert client_for(role).get("/admin/people").status_code == 403, role
        assert client_for(role).get("/admin/organisations").status_code == 403, role


def test_auditors_read_the_trail_and_verify_the_ledger(people: dict[str, Any]) -> None:
    licence = issued_licence(people["people"])
    auditor = client_for("auditor")
    subject = f"licence/{licence.number}"
    page = auditor.get("/audit/", {"subject": subject}).content.decode()
    assert "licence.issue" in page and "case.advise" not in page
    verified = auditor.post(f"/audit/?subject={subject}").content.decode()
    assert "The hash chain is intact" in verified
    senior = client_for("senior").get("/audit/").content.decode()
    assert "case.advise" in senior and "Verify the ledger now" not in senior
    assert client_for("senior").post("/audit/").status_code == 403
    assert client_for("caseworker").get("/audit/").status_code == 403
    assert client_for("trader").get("/audit/").status_code == 403
