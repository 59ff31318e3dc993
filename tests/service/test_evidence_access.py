"""Who may see and change the evidence register, and the country findings endpoint."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from torturefree_service.checks import engines
from typer.testing import CliRunner

from torturefree.cli.main import app

ITEM = {
    "id": "cat-co-1",
    "kind": "un_body_finding",
    "issuing_body": "Committee against Torture",
    "country": "BR",
    "date": "2023-06-01",
    "citation": {"title": "Concluding observations", "symbol": "CAT/C/BRA/CO/2"},
    "practices": ["electric_shock"],
    "reason": "Entered for the access test.",
}
RECORD = {k: v for k, v in ITEM.items() if k != "reason"}  # a file holds no reason
WRITERS = {"caseworker", "senior"}
READERS = {"caseworker", "senior", "auditor"}


@pytest.fixture(autouse=True)
def fresh_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    engines.risk_context.cache_clear()
    yield
    engines.risk_context.cache_clear()


@pytest.mark.parametrize(
    "role", ["trader", "caseworker", "senior", "auditor", "admin", "anonymous"]
)
def test_staff_read_caseworkers_and_seniors_write_traders_see_nothing(
    world: dict[str, Any], role: str
) -> None:
    api = world["anonymous"] if role == "anonymous" else world["api"][role]
    assert world["api"]["caseworker"].post("/evidence", ITEM).status_code == 201
    denied = 401 if role == "anonymous" else 403
    reads = [
        api.get("/evidence"),
        api.get("/evidence/cat-co-1"),
        api.get("/risk/countries/BR", date="2024-01-01"),
    ]
    writes = [
        api.post("/evidence", {**ITEM, "id": f"new-{role}"}),
        api.patch("/evidence/cat-co-1", {"summary": f"by {role}", "reason": "access test"}),
        api.post("/evidence/cat-co-1/reviews", {"next_review": "2100-01-01"}),
        api.post(
            "/evidence/import",
            {
                "format": "json",
                "content": json.dumps([{**RECORD, "id": f"i-{role}"}]),
                "reason": "access test",
            },
        ),
        api.post("/evidence/cat-co-1/withdraw", {"reason": f"by {role}"}),
    ]
    for response in reads:
        expected = 200 if role in READERS else denied
        assert response.status_code == expected, (role, response.content[:200])
    for response in writes:
        assert (response.status_code < 300) == (role in WRITERS), (role, response.content[:200])
        if role not in WRITERS:
            assert response.status_code == denied, (role, response.content[:200])


def test_country_findings_are_the_json_of_the_command_line(
    world: dict[str, Any], tmp_path: Path
) -> None:
    assert world["api"]["caseworker"].post("/evidence", ITEM).status_code == 201
    day = "2024-01-01"
    api = world["api"]["auditor"].get("/risk/countries/BR", date=day, goods=["torture_only"])
    assert api.status_code == 200, api.content[:300]
    result = CliRunner().invoke(
        app,
        [
            "risk",
            "country",
            "BR",
            "--date",
            day,
            "--goods",
            "torture_only",
            "--home",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert api.json() == json.loads(result.stdout)
    findings = {f["code"]: f for f in api.json()["findings"]}
    assert "cat-co-1" in findings["torture_evidence"]["evidence"]
    assert api.json()["notice"].startswith("Findings inform")


def test_country_findings_refuse_bad_input_naming_the_field(world: dict[str, Any]) -> None:
    api = world["api"]["senior"]
    assert api.get("/risk/countries/ZZ").json()["error"]["field"] == "country"
    assert api.get("/risk/countries/BR", goods=["gadgets"]).json()["error"]["field"] == "goods"
    bad_date = api.get("/risk/countries/BR", date="2024-02-30")
    assert bad_date.status_code == 400 and bad_date.json()["error"]["field"] == "date"
    assert api.get("/risk/countries/BR", lookback_years=0).status_code == 400


def test_today_is_the_default_date(world: dict[str, Any]) -> None:
    body = world["api"]["auditor"].get("/risk/countries/BRA").json()
    assert body["country"] == "BR" and body["date"] == dt.date.today().isoformat()
