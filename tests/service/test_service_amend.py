"""Amend by copy: a submitted application is copied to a new draft and the original superseded,
never edited in place."""

from __future__ import annotations

from typing import Any

from servicekit import stun_gun_application
from test_service_story import submit


def test_amending_copies_to_a_draft_and_supersedes_the_original(world: dict[str, Any]) -> None:
    trader, caseworker = world["api"]["trader"], world["api"]["caseworker"]
    original = submit(trader, stun_gun_application())
    case_id = original["case"]["id"]
    # The authority asks for a change; the submitted record itself cannot be edited.
    caseworker.post(f"/cases/{case_id}/assign", {"assignee": "caseworker"})
    caseworker.post(f"/cases/{case_id}/questions", {"text": "Reduce to 50 units."})
    edit = trader.patch(f"/applications/{original['id']}", {"end_use_detail": "changed"})
    assert edit.status_code == 409

    amended = trader.post(f"/applications/{original['id']}/amend")
    assert amended.status_code == 201, amended.json()
    copy = amended.json()
    assert copy["status"] == "draft" and copy["amends_id"] == original["id"]
    assert copy["reference"] != original["reference"]
    assert [line["description"] for line in copy["lines"]] == ["stun gun, 50 kV, handheld"]
    assert {p["name"] for p in copy["parties"]} == {p["name"] for p in original["parties"]}

    before = trader.get(f"/applications/{original['id']}").json()
    assert before["status"] == "superseded"
    assert before["lines"] == original["lines"]  # the original's record is unchanged
    assert caseworker.get(f"/cases/{case_id}").json()["status"] == "closed"
    assert trader.post(f"/applications/{original['id']}/amend").status_code == 409

    changed = trader.patch(
        f"/applications/{copy['id']}",
        {"lines": [{"description": "stun gun, 50 kV, handheld", "quantity": 50}]},
    )
    assert changed.status_code == 200, changed.json()
    resubmitted = trader.post(f"/applications/{copy['id']}/submit")
    assert resubmitted.status_code == 200 and resubmitted.json()["case"]["id"] != case_id


def test_only_a_submitted_application_is_amended(world: dict[str, Any]) -> None:
    trader = world["api"]["trader"]
    draft = trader.post("/applications", stun_gun_application()).json()
    refused = trader.post(f"/applications/{draft['id']}/amend")
    assert refused.status_code == 409 and "cannot 'supersede'" in refused.json()["error"]["message"]
    other = world["api"]["trader2"].post(f"/applications/{draft['id']}/amend")
    assert other.status_code == 404
