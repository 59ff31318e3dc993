"""The service's work reaches the records store, so `torturefree report annual` counts it.

The store outlives each test's rolled-back transaction (it has its own connection), so the tests
compare the report before and after their own story rather than absolute numbers.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from servicekit import stun_gun_application
from test_service_story import advise, submit
from torturefree_service.audit.ledger import ledger_target
from torturefree_service.reporting.services import store_flush
from typer.testing import CliRunner

from torturefree.cli.main import app


@pytest.fixture(autouse=True)
def _own_store_on_sqlite(settings: Any, tmp_path: Path) -> None:
    """SQLite reuses the ids of rolled-back rows, so application references repeat between
    tests; there each test gets a store (and ledger) file of its own. PostgreSQL never reuses a
    sequence value, so it keeps the one store in the test database."""
    from django.db import connection

    if connection.vendor == "sqlite":
        settings.TORTUREFREE_LEDGER_URL = str(tmp_path / "records.sqlite3")


def annual(tmp_path: Path, year: int, public: bool = False) -> dict[str, Any]:
    store_flush()
    out = tmp_path / f"report-{year}-{public}.json"
    args = ["report", "annual", "--year", str(year), "--format", "json", "--out", str(out)]
    result = CliRunner().invoke(
        app, [*args, "--database", ledger_target(), *(["--public"] if public else [])]
    )
    assert result.exit_code == 0, result.output
    return dict(json.loads(out.read_text()))


def by_partner(report: dict[str, Any], partner: str) -> dict[str, int]:
    rows = [r for r in report["tables"]["countries"] if r["partner"] == partner]
    keys = ("applications", "granted", "refused", "refused_national_ban")
    return {k: sum(int(r[k]) for r in rows) for k in keys}


def att(report: dict[str, Any], basis: str, partner: str) -> float:
    rows = report["tables"]["att_export"]
    return sum(
        float(r["number_of_items"]) for r in rows if r["basis"] == basis and r["partner"] == partner
    )


def decide(world: dict[str, Any], case_id: int, outcome: str, **body: Any) -> dict[str, Any]:
    response = world["api"]["senior"].post(
        f"/cases/{case_id}/decision", {"outcome": outcome, **body}
    )
    assert response.status_code == 201, response.json()
    return dict(response.json())


def test_grants_refusals_and_shipments_are_counted_in_the_annual_report(
    world: dict[str, Any], tmp_path: Path
) -> None:
    year = dt.date.today().year
    before = annual(tmp_path, year)
    trader = world["api"]["trader"]

    granted = submit(trader, stun_gun_application(destination="BR"))
    advise(world, granted["case"]["id"], "grant")
    licence_id = decide(world, granted["case"]["id"], "grant", validity_months=12)["licence_id"]
    licence = trader.get(f"/licences/{licence_id}").json()
    shipped = trader.post(
        f"/licences/{licence_id}/shipments",
        {
            "customs_reference": "MRN-REPORT-1",
            "shipped_on": licence["issued_on"],
            "lines": [{"line_no": 1, "quantity": 30, "value": 3600}],
        },
    )
    assert shipped.status_code == 201, shipped.json()

    refused = submit(trader, stun_gun_application(destination="US"))
    advise(world, refused["case"]["id"], "refuse", ["art12_2_torture"])
    decide(world, refused["case"]["id"], "refuse", reasons=["art12_2_torture", "national_ban"])

    banned = submit(trader, stun_gun_application(destination="CL"))
    advise(world, banned["case"]["id"], "refuse", ["national_ban"])
    decide(world, banned["case"]["id"], "refuse", reasons=["national_ban"])

    after = annual(tmp_path, year)
    delta = {
        partner: {
            k: by_partner(after, partner)[k] - v for k, v in by_partner(before, partner).items()
        }
        for partner in ("BR", "US", "CL")
    }
    assert delta["BR"] == {"applications": 1, "granted": 1, "refused": 0, "refused_national_ban": 0}
    # A ground under the regulation makes it a refusal even when a national ban also applies.
    assert delta["US"] == {"applications": 1, "granted": 0, "refused": 1, "refused_national_ban": 0}
    # Art. 26(6): a refusal under a national ban alone is not counted as a refusal.
    assert delta["CL"] == {"applications": 1, "granted": 0, "refused": 0, "refused_national_ban": 1}
    assert att(after, "authorised", "BR") - att(before, "authorised", "BR") == 100
    assert att(after, "actual", "BR") - att(before, "actual", "BR") == 30


def test_a_sensitive_decision_is_withheld_from_the_public_report(
    world: dict[str, Any], tmp_path: Path
) -> None:
    year = dt.date.today().year
    before = annual(tmp_path, year, public=True)
    application = submit(world["api"]["trader"], stun_gun_application(destination="PE"))
    advise(world, application["case"]["id"], "grant")
    decide(world, application["case"]["id"], "grant", sensitive=True)
    full = annual(tmp_path, year)
    public = annual(tmp_path, year, public=True)
    assert by_partner(full, "PE")["granted"] >= 1
    assert by_partner(public, "PE") == by_partner(before, "PE")
    assert public["withheld"] is True


def test_a_revocation_and_a_line_amendment_are_decisions_in_the_store(
    world: dict[str, Any], tmp_path: Path
) -> None:
    year = dt.date.today().year
    before = annual(tmp_path, year)
    application = submit(world["api"]["trader"], stun_gun_application(destination="AR"))
    advise(world, application["case"]["id"], "grant")
    licence_id = decide(world, application["case"]["id"], "grant")["licence_id"]
    senior = world["api"]["senior"]
    issued_on = world["api"]["trader"].get(f"/licences/{licence_id}").json()["issued_on"]
    shipment = {"customs_reference": "MRN-AR", "shipped_on": issued_on}
    world["api"]["trader"].post(
        f"/licences/{licence_id}/shipments", {**shipment, "lines": [{"line_no": 1, "quantity": 30}]}
    )
    below = senior.post(
        f"/licences/{licence_id}/lines",
        {"lines": [{"line_no": 1, "quantity": 20}], "reason": "Fewer units."},
    )
    # Never below what was already shipped under the line.
    assert below.status_code == 409 and below.json()["error"]["field"] == "lines[0].quantity"
    amended = senior.post(
        f"/licences/{licence_id}/lines",
        {"lines": [{"line_no": 1, "quantity": 80, "value": 9600}], "reason": "Fewer units."},
    )
    assert amended.status_code == 200, amended.json()
    assert amended.json()["line_version"] == 2
    assert amended.json()["lines"][0]["remaining"] == "50.000"
    from torturefree_service.audit.models import AuditEvent

    event = AuditEvent.objects.filter(verb="licence.modify").latest("id")
    assert event.payload["lines"] == [
        {
            "line_no": 1,
            "from": {"quantity": "100.000", "value": "12000.00"},
            "to": {"quantity": "80.000", "value": "9600.00"},
        }
    ]
    revoked = senior.post(
        f"/licences/{licence_id}/actions", {"action": "revoke", "reason": "End user changed."}
    )
    assert revoked.status_code == 200, revoked.json()
    after = annual(tmp_path, year)

    def count(report: dict[str, Any], column: str) -> int:
        rows = [r for r in report["tables"]["countries"] if r["partner"] == "AR"]
        return sum(int(r[column]) for r in rows)

    assert count(after, "granted") - count(before, "granted") == 1
    assert count(after, "amended") - count(before, "amended") == 1
    assert count(after, "revoked") - count(before, "revoked") == 1
    # Authorised as amended: the licence's line now stands at 80, not 100.
    assert att(after, "authorised", "AR") - att(before, "authorised", "AR") == 80
