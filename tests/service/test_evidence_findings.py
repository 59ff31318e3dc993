"""Findings on submit put a newly entered *shall* item in front of the officer, for every case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servicekit import stun_gun_application
from torturefree_service.checks import engines

END_USER = "Policia Militar do Estado de Sao Paulo"  # the end user of the sample application


@pytest.fixture(autouse=True)
def fresh_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    engines.risk_context.cache_clear()
    yield
    engines.risk_context.cache_clear()


def submitted_case_risk(world: dict[str, Any]) -> dict[str, Any]:
    trader = world["api"]["trader"]
    created = trader.post("/applications", stun_gun_application())
    assert created.status_code == 201, created.json()
    submitted = trader.post(f"/applications/{created.json()['id']}/submit")
    assert submitted.status_code == 200, submitted.json()
    case = world["api"]["caseworker"].get(f"/cases/{submitted.json()['case']['id']}").json()
    return dict(case["checks"]["risk"])


def test_a_new_shall_item_on_the_destination_is_in_the_case_findings(
    world: dict[str, Any],
) -> None:
    item = {
        "kind": "un_special_rapporteur_report",
        "issuing_body": "UN Special Rapporteur on torture",
        "country": "BR",
        "date": (dt.date.today() - dt.timedelta(days=90)).isoformat(),
        "citation": {"title": "Visit to Brazil", "symbol": "A/HRC/00/00/Add.1"},
        "practices": ["electric_shock"],
        "end_users": [END_USER],
        "reason": "Published this quarter.",
    }
    created = world["api"]["senior"].post("/evidence", item)
    assert created.status_code == 201, created.json()
    item_id = created.json()["id"]

    risk = submitted_case_risk(world)
    shown = {e["id"]: e for e in risk["evidence"]}
    assert shown[item_id]["weight"] == "shall"
    assert shown[item_id]["citation"]["symbol"] == "A/HRC/00/00/Add.1"
    findings = {f["code"]: f for f in risk["findings"]}
    assert item_id in findings["torture_evidence"]["evidence"]
    assert item_id in findings["end_user_named"]["evidence"]
    assert "no_evidence_in_register" not in findings

    withdrawn = world["api"]["senior"].post(f"/evidence/{item_id}/withdraw", {"reason": "Error."})
    assert withdrawn.status_code == 200
    later = submitted_case_risk(world)
    assert item_id not in {e["id"] for e in later["evidence"]}
