"""Case review's roles on the hub's pages (seed ¶111), on a real hub: an organisation account
brings a case and follows it, the secretariat triages and assigns, an analyst records findings,
a reviewer publishes; a state's focal point reads the cases naming its state; a page a role
must not see is 404 (or sign-in), a step outside a role 403 with nothing changed; every step in
the case history and the ledger under the account's name."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .hubkit import Hub, run
from .hubweb import Browser, account, case_number, signed_in

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ORGANISATION = ("--organisation", "NPM of Examplestan", "--kind", "npm")


def _bring(org: Browser, title: str) -> int:
    fields = {
        "title": title,
        "summary": "Shock batons offered to a prison service.",
        "contact": "desk@npm.example",
        "countries": "KE",
    }
    status, page, _ = org.post("/cases/new", fields, [("evidence", "catalogue.pdf", PDF)])
    assert status == 201, page
    return case_number(page)


def _status(hub: Hub, number: int) -> Any:
    return json.loads(run(hub.home, "hub", "case", "show", str(number)).stdout)["status"]


def _ledger(hub: Hub, subject: str) -> list[tuple[str, str]]:
    with sqlite3.connect(hub.home / "records.sqlite3") as db:
        rows = db.execute(
            "SELECT actor, payload FROM ledger_entry WHERE subject = ? ORDER BY seq", (subject,)
        ).fetchall()
    return [(actor, json.loads(payload)["verb"]) for actor, payload in rows]


def test_each_role_sees_and_does_what_it_should(hub: Hub) -> None:
    org = signed_in(hub, "organisation", *ORGANISATION)
    number = _bring(org, "Batons for a prison service")
    status, page, _ = org.get("/desk/")
    assert status == 200 and f"/desk/cases/{number}" in page
    assert org.get(f"/desk/cases/{number}")[0] == 200

    # Another organisation, a focal point before triage and another state's: not found.
    other = signed_in(hub, "organisation", "--organisation", "Other NGO", "--kind", "civil_society")
    assert f"/desk/cases/{number}" not in other.get("/desk/")[1]
    assert other.get(f"/desk/cases/{number}")[0] == 404
    ke = signed_in(hub, "state_focal_point", "--state", "KE")
    fr = signed_in(hub, "state_focal_point", "--state", "FR")
    assert ke.get(f"/desk/cases/{number}")[0] == 404

    sec = signed_in(hub, "secretariat")
    page = sec.get(f"/desk/cases/{number}")[1]
    assert "desk@npm.example" in page and "NPM of Examplestan" in page
    analyst, reviewer = signed_in(hub, "analyst"), signed_in(hub, "reviewer")
    assert "desk@npm.example" not in analyst.get(f"/desk/cases/{number}")[1]

    # Steps outside a role: 403, nothing changed.
    assert analyst.post(f"/desk/cases/{number}", {"step": "triage"})[0] == 403
    assert org.post(f"/desk/cases/{number}", {"step": "close", "reason": "x"})[0] == 403
    assert _status(hub, number) == "received"

    assert sec.post(f"/desk/cases/{number}", {"step": "triage", "priority": "high"})[0] == 302
    status, page, _ = ke.get(f"/desk/cases/{number}")
    assert status == 200 and "Batons for a prison service" in page
    assert "NPM of Examplestan" not in page and "desk@npm.example" not in page
    assert fr.get(f"/desk/cases/{number}")[0] == 404
    assert ke.post(f"/desk/cases/{number}", {"step": "assign", "assignee": "me"})[0] == 403

    assert sec.post(f"/desk/cases/{number}", {"step": "assign", "assignee": "analyst A"})[0] == 302
    assert reviewer.post(f"/desk/cases/{number}", {"step": "finding", "findings": "x"})[0] == 403
    found = {"step": "finding", "findings": "The batons were offered."}
    assert analyst.post(f"/desk/cases/{number}", found)[0] == 302
    files = [("file", "letter.txt", b"a letter from the ministry")]
    assert org.post(f"/desk/cases/{number}", {"step": "evidence"}, files)[0] == 302
    assert sec.post(f"/desk/cases/{number}", {"step": "publish", "outcome": "x"})[0] == 403
    assert hub.get(f"/cases/{number}")[0] == 404
    outcome = {"step": "publish", "outcome": "Listed as a concern."}
    assert reviewer.post(f"/desk/cases/{number}", outcome)[0] == 302

    assert _status(hub, number) == "published" and hub.get(f"/cases/{number}")[0] == 200
    assert "Listed as a concern." in org.get(f"/desk/cases/{number}")[1]
    actors = _ledger(hub, f"hub-case:{number}")
    verbs = [verb for _, verb in actors]
    assert verbs == [
        "review.submit",
        "review.evidence",
        "review.triage",
        "review.assign",
        "review.finding",
        "review.evidence",
        "review.publish",
    ]
    roles = [actor.split(":")[0] for actor, _ in actors]
    assert roles == [
        "organisation",
        "organisation",
        "secretariat",
        "secretariat",
        "analyst",
        "organisation",
        "reviewer",
    ]


def test_the_restricted_pages_need_an_account(hub: Hub) -> None:
    anonymous = Browser(hub)
    for path in ("/desk/", "/desk/cases/1"):
        status, _, location = anonymous.get(path)
        assert status == 302 and "/account/sign-in" in location
    assert anonymous.post("/desk/cases/1", {"step": "triage"})[0] == 302
    assert anonymous.sign_in("nobody", "wrong-password")[0] == 200
    analyst = signed_in(hub, "analyst")
    assert analyst.post("/desk/cases/999999", {"step": "finding", "findings": "x"})[0] == 404
    assert analyst.post("/account/sign-out", {})[0] == 302
    assert analyst.get("/desk/")[0] == 302


def test_an_account_is_made_once_with_a_role_and_recorded(hub: Hub) -> None:
    username = account(hub, "reviewer")
    assert _ledger(hub, f"hub-account:{username}") == [("lead", "review.account")]
    again = run(
        hub.home,
        "hub",
        "account",
        "add",
        username,
        "--role",
        "reviewer",
        "--by",
        "x",
        "--password",
        "Correct-horse-battery-9",
        check=False,
    )
    assert again.returncode != 0 and "exists" in again.stderr
    bad = run(
        hub.home,
        "hub",
        "account",
        "add",
        "fp-x",
        "--role",
        "state_focal_point",
        "--by",
        "x",
        "--password",
        "Correct-horse-battery-9",
        check=False,
    )
    assert bad.returncode != 0 and "state" in bad.stderr


def test_an_analyst_asks_a_state_from_the_page_and_a_silent_node_stores_nothing(hub: Hub) -> None:
    org = signed_in(hub, "organisation", *ORGANISATION)
    number = _bring(org, "Restraints in transit")
    analyst = signed_in(hub, "analyst")
    asked = {"step": "ask", "to": "KE", "questions": "Who bought the restraints?"}
    status, page, _ = analyst.post(f"/desk/cases/{number}", asked)
    # KE's node in the test directory is an address nobody answers: refused, nothing kept.
    assert status == 409 and "did not answer" in page
    shown = json.loads(run(hub.home, "hub", "case", "show", str(number)).stdout)
    assert shown["questions"] == []
    assert [verb for _, verb in _ledger(hub, f"hub-case:{number}")] == [
        "review.submit",
        "review.evidence",
    ]
