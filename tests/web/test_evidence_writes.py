"""The evidence register's writes as pages: enter, change and withdraw with a reason, import a
file as a background job; field-level errors keep what was typed; auditors only read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from torturefree_service.checks import engines
from torturefree_service.evidence.selectors import evidence_get, evidence_list

from web.test_pages import client_for

TODAY = dt.date.today()
FORM = {
    "kind": "un_body_finding",
    "issuing_body": "UN Committee against Torture",
    "country": "BR",
    "date": (TODAY - dt.timedelta(days=90)).isoformat(),
    "title": "Concluding observations on Brazil",
    "symbol": "CAT/C/BRA/CO/2",
    "href": "",
    "summary": "Use of electric shock weapons in prisons.",
    "practices": ["electric_shock"],
    "goods": "electric shock batons\nstun guns",
    "end_users": "",
    "reliability": "",
    "review_date": "",
    "reason": "read in the committee's session report",
}


@pytest.fixture(autouse=True)
def own_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    engines.risk_context.cache_clear()
    yield
    engines.risk_context.cache_clear()


def test_enter_change_and_withdraw_with_reasons(people: dict[str, Any]) -> None:
    caseworker = client_for("caseworker")
    late = FORM | {"date": (TODAY + dt.timedelta(days=3)).isoformat(), "title": "ab"}
    refused = caseworker.post("/evidence/new", late)
    html = refused.content.decode()
    assert refused.status_code == 400 and 'id="id_title-error"' in html  # the form's own check
    assert "UN Committee against Torture" in html and "stun guns" in html  # nothing typed lost
    refused = caseworker.post("/evidence/new", late | {"title": FORM["title"]})
    assert refused.status_code == 400 and 'id="id_date-error"' in refused.content.decode()

    made = caseworker.post("/evidence/new", FORM)
    assert made.status_code == 302
    item_id = made["Location"].rsplit("/", 1)[1]
    page = caseworker.get(made["Location"]).content.decode()
    assert "Finding of a UN body" in page and "Electric shock" in page  # labels, not codes
    assert "read in the committee" in page
    assert caseworker.post("/evidence/new", FORM).status_code == 400  # already entered: 409

    edit = caseworker.get(f"/evidence/{item_id}/edit").content.decode()
    assert 'value="CAT/C/BRA/CO/2"' in edit
    same = caseworker.post(f"/evidence/{item_id}/edit", FORM | {"reason": "looked again"})
    assert same.status_code == 400 and "Nothing was changed" in same.content.decode()
    changed = FORM | {"summary": "Electric shock batons in two prisons.", "reason": "corrected"}
    assert caseworker.post(f"/evidence/{item_id}/edit", changed).status_code == 302
    record = evidence_get(item_id)
    assert record.item is not None and record.item.summary.startswith("Electric shock batons")
    assert [v.reason for v in record.versions][-1] == "corrected"

    empty = caseworker.post(f"/evidence/{item_id}/withdraw", {"wd-reason": ""})
    assert empty.status_code == 400 and 'id="id_wd-reason-error"' in empty.content.decode()
    gone = caseworker.post(f"/evidence/{item_id}/withdraw", {"wd-reason": "superseded by 2026"})
    assert gone.status_code == 302
    assert evidence_get(item_id).item is None and not evidence_list()
    assert "superseded by 2026" in caseworker.get(f"/evidence/{item_id}").content.decode()


def test_auditors_read_only_and_traders_not_at_all(people: dict[str, Any]) -> None:
    made = client_for("senior").post("/evidence/new", FORM)  # senior officers write too
    assert made.status_code == 302
    item = made["Location"]
    auditor = client_for("auditor")
    page = auditor.get(item).content.decode()
    assert "Concluding observations" in page and "Change this item" not in page
    assert "Enter an item" not in auditor.get("/evidence/").content.decode()
    for url in ("/evidence/new", "/evidence/import", f"{item}/edit"):
        assert auditor.get(url).status_code == 403, url
        assert client_for("trader").get(url).status_code == 403, url
    assert auditor.post(f"{item}/withdraw", {"wd-reason": "x"}).status_code == 403
    assert auditor.post("/evidence/new", FORM).status_code == 403


CSV = (
    "id,kind,issuing_body,country,date,citation_title,summary\n"
    "ev-a,cpt_report,CPT,TR,2024-03-01,Visit to Türkiye,Beatings in custody\n"
    "ev-b,cpt_report,CPT,XX,2024-03-02,Visit elsewhere,Restraints\n"
)


def test_an_import_names_the_line_keeps_the_paste_and_stores_nothing(
    people: dict[str, Any],
) -> None:
    caseworker = client_for("caseworker")
    missing = caseworker.post("/evidence/import", {"format": "csv", "content": CSV, "reason": ""})
    assert missing.status_code == 400 and 'id="id_reason-error"' in missing.content.decode()
    bad = {"format": "csv", "content": CSV, "reason": "CPT 2024 visits"}
    asked = caseworker.post("/evidence/import", bad)
    assert asked.status_code == 302
    html = caseworker.get(asked["Location"]).content.decode()
    assert "Failed" in html and "line 3" in html and "country" in html
    assert "Visit elsewhere" in html and 'value="CPT 2024 visits"' in html  # the form, refilled
    assert not evidence_list()  # all or nothing
    done = caseworker.post("/evidence/import", bad | {"content": CSV.replace(",XX,", ",GR,")})
    page = caseworker.get(done["Location"]).content.decode()
    assert "2 items added" in page and {i.id for i in evidence_list()} == {"ev-a", "ev-b"}
