"""A new watchlist version re-screens open cases' and valid licences' parties: new hits block
the grant until a person records a disposition; nothing clears by itself; a hit on a valid
licence is an alert on its closed case, which stays closed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from servicekit import stun_gun_application
from test_service_story import advise, submit
from torturefree_service.audit.models import AuditEvent
from torturefree_service.cases.models import RescreenAlert
from torturefree_service.licences.models import Licence
from torturefree_service.licences.services import licence_expire_due
from typer.testing import CliRunner

from torturefree.cli.main import app
from watchlist_kit import versioned_watchlist

JANE = {"id": "w-1", "schema": "Person", "properties": {"name": ["Jane Roe"], "country": ["gb"]}}
CONSIGNEE = {
    "id": "w-2",
    "schema": "Company",
    "properties": {"name": ["Importadora Segura Ltda"], "country": ["br"]},
}


@pytest.fixture
def watchlist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A watchlist store of this test's own; returns a function importing the next version."""
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    return versioned_watchlist(tmp_path, "tf-test")


def rescreen(world: dict[str, Any]) -> dict[str, Any]:
    response = world["api"]["caseworker"].post("/rescreenings", {"watchlist": "tf-test"})
    assert response.status_code == 200, response.json()
    return dict(response.json())


def test_a_new_hit_blocks_the_grant_until_a_person_disposes_of_it(
    world: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    application = submit(world["api"]["trader"], stun_gun_application())
    case_id = application["case"]["id"]
    caseworker, senior = world["api"]["caseworker"], world["api"]["senior"]
    assert "screening_hit" not in caseworker.get(f"/cases/{case_id}").json()["flags"]

    watchlist(JANE, CONSIGNEE)
    result = rescreen(world)
    [alert] = [a for a in result["alerts"] if a["case_id"] == case_id]
    assert (alert["entity_id"], alert["kind"], alert["resolved"]) == ("w-2", "new", False)
    case = caseworker.get(f"/cases/{case_id}").json()
    assert "rescreen_hit" in case["flags"]
    assert case["rescreen_alerts"][0]["caption"] == "Importadora Segura Ltda"

    advise(world, case_id, "grant")
    blocked = senior.post(f"/cases/{case_id}/decision", {"outcome": "grant"})
    assert blocked.status_code == 409
    assert blocked.json()["error"]["code"] == "blocked_rescreen_hit"

    disposition = {
        "party_id": alert["party_id"],
        "watchlist": "tf-test",
        "entity_id": "w-2",
        "reason": "Different company: other CNPJ.",
    }
    # 'Needs review' is not a decision on the hit: still blocked.
    caseworker.post(f"/cases/{case_id}/dispositions", {**disposition, "status": "needs_review"})
    assert senior.post(f"/cases/{case_id}/decision", {"outcome": "grant"}).status_code == 409
    done = caseworker.post(
        f"/cases/{case_id}/dispositions",
        {**disposition, "status": "false_positive", "expires_at": "2099-01-01"},
    )
    assert done.status_code == 201, done.json()
    assert "rescreen_hit" not in caseworker.get(f"/cases/{case_id}").json()["flags"]
    # The same versions again add nothing; the false positive is respected.
    assert [a for a in rescreen(world)["alerts"] if a["case_id"] == case_id] == []
    granted = senior.post(f"/cases/{case_id}/decision", {"outcome": "grant"})
    assert granted.status_code == 201, granted.json()


def test_a_hit_that_drops_off_the_list_is_not_cleared_by_itself(
    world: dict[str, Any], watchlist: Any, tmp_path: Path
) -> None:
    watchlist(JANE)
    application = submit(world["api"]["trader"], stun_gun_application())
    case_id = application["case"]["id"]
    watchlist(JANE, CONSIGNEE)
    assert rescreen(world)["alerts"]
    watchlist(JANE)  # the company is delisted in the next version

    runner = CliRunner()
    result = runner.invoke(
        app, ["rescreen-cases", "--watchlist", "tf-test", "--home", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["alerts"] == []
    case = world["api"]["caseworker"].get(f"/cases/{case_id}").json()
    assert "rescreen_hit" in case["flags"]
    assert [a["resolved"] for a in case["rescreen_alerts"]] == [False]

    unknown = runner.invoke(app, ["rescreen-cases", "--watchlist", "nope", "--home", str(tmp_path)])
    assert unknown.exit_code == 2


def grant(world: dict[str, Any]) -> dict[str, Any]:
    """A submitted stun-gun application granted: its case (closed) and licence."""
    application = submit(world["api"]["trader"], stun_gun_application())
    case_id = application["case"]["id"]
    advise(world, case_id, "grant")
    decided = world["api"]["senior"].post(
        f"/cases/{case_id}/decision", {"outcome": "grant", "validity_months": 12}
    )
    assert decided.status_code == 201, decided.json()
    licence = world["api"]["senior"].get(f"/licences/{decided.json()['licence_id']}").json()
    return {"case_id": case_id, "licence": licence}


def test_a_valid_licence_consignee_on_a_new_version_is_an_alert_on_its_closed_case(
    world: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    granted = grant(world)
    case_id, number = granted["case_id"], granted["licence"]["number"]
    caseworker = world["api"]["caseworker"]
    before = caseworker.get(f"/cases/{case_id}").json()
    assert before["status"] == "closed"

    watchlist(JANE, CONSIGNEE)
    result = rescreen(world)
    assert (result["licences"], result["licence_parties"]) == (1, 2)
    [alert] = [a for a in result["alerts"] if a["case_id"] == case_id]
    assert (alert["licence"], alert["entity_id"], alert["kind"]) == (number, "w-2", "new")
    after = caseworker.get(f"/cases/{case_id}").json()
    assert (after["status"], after["flags"]) == (before["status"], before["flags"])
    assert [(a["licence"], a["resolved"]) for a in after["rescreen_alerts"]] == [(number, False)]
    [event] = AuditEvent.objects.filter(subject=f"licence/{number}", verb="checks.rescreen")
    assert event.payload["hits"][0]["entity_id"] == "w-2"
    assert event.payload["case"] == after["reference"]

    # The same versions again: no second alert, no second event.
    assert rescreen(world)["alerts"] == []
    assert RescreenAlert.objects.filter(case_id=case_id).count() == 1
    assert (
        AuditEvent.objects.filter(subject=f"licence/{number}", verb="checks.rescreen").count() == 1
    )

    # A disposition on the closed case resolves it, as for an open case.
    done = caseworker.post(
        f"/cases/{case_id}/dispositions",
        {
            "party_id": alert["party_id"],
            "watchlist": "tf-test",
            "entity_id": "w-2",
            "status": "false_positive",
            "reason": "Different company: other CNPJ.",
            "expires_at": "2099-01-01",
        },
    )
    assert done.status_code == 201, done.json()
    resolved = caseworker.get(f"/cases/{case_id}").json()
    assert resolved["status"] == "closed"
    assert [a["resolved"] for a in resolved["rescreen_alerts"]] == [True]


def test_a_live_false_positive_suppresses_the_same_hit_on_a_licence(
    world: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    granted = grant(world)
    case_id = granted["case_id"]
    watchlist(JANE, CONSIGNEE)
    [alert] = rescreen(world)["alerts"]
    disposed = world["api"]["caseworker"].post(
        f"/cases/{case_id}/dispositions",
        {
            "party_id": alert["party_id"],
            "watchlist": "tf-test",
            "entity_id": "w-2",
            "status": "false_positive",
            "reason": "Different company: other CNPJ.",
            "expires_at": "2099-01-01",
        },
    )
    assert disposed.status_code == 201, disposed.json()
    watchlist(JANE, CONSIGNEE, {**JANE, "id": "w-3"})  # version 3: the company is unchanged
    # From version 1, the company is new again in version 3; the false positive hides it.
    body = {"watchlist": "tf-test", "from_version": 1, "to_version": 3}
    response = world["api"]["caseworker"].post("/rescreenings", body)
    assert response.status_code == 200, response.json()
    assert [a for a in response.json()["alerts"] if a["entity_id"] == "w-2"] == []
    assert RescreenAlert.objects.filter(case_id=case_id).count() == 1


def test_expired_and_revoked_licences_are_not_rescreened(
    world: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    revoked, expired, valid = grant(world), grant(world), grant(world)
    senior = world["api"]["senior"]
    revoke = {"action": "revoke", "reason": "End user changed."}
    response = senior.post(f"/licences/{revoked['licence']['id']}/actions", revoke)
    assert response.status_code in (200, 201), response.json()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    Licence.objects.filter(pk=expired["licence"]["id"]).update(valid_until=yesterday)
    assert licence_expire_due() == 1

    watchlist(JANE, CONSIGNEE)
    result = rescreen(world)
    assert (result["licences"], result["licence_parties"]) == (1, 2)
    assert {a["case_id"] for a in result["alerts"]} == {valid["case_id"]}


def test_a_licence_past_its_validity_is_not_rescreened_before_the_expiry_run(
    world: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    granted = grant(world)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    Licence.objects.filter(pk=granted["licence"]["id"]).update(valid_until=yesterday)
    watchlist(JANE, CONSIGNEE)
    result = rescreen(world)
    assert (result["licences"], result["alerts"]) == (0, [])
