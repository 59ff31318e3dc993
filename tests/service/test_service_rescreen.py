"""A new watchlist version re-screens open cases' parties: new hits block the grant until a
person records a disposition; nothing clears by itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from servicekit import stun_gun_application
from test_service_story import advise, submit
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
