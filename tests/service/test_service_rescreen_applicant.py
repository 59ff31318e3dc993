"""A new watchlist version re-screens the applicant organisation of open cases and valid
licences: screened once under the submit checks' query, alerted on each of its cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from servicekit import stun_gun_application
from test_service_rescreen import grant, rescreen
from test_service_story import advise, submit
from torturefree_service.audit.models import AuditEvent
from torturefree_service.cases.models import RescreenAlert
from torturefree_service.checks import rescreening

from torturefree.screening.dispositions import record_disposition, subject_key
from torturefree.screening.query import Query
from torturefree.screening.store import WatchlistStore
from watchlist_kit import versioned_watchlist

JANE = {"id": "w-1", "schema": "Person", "properties": {"name": ["Jane Roe"], "country": ["gb"]}}
# The applicant of the `world` trader's applications.
ACME = {
    "id": "w-9",
    "schema": "Company",
    "properties": {"name": ["Acme Security Exports GmbH"], "country": ["de"]},
}


@pytest.fixture
def watchlist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A watchlist store of this test's own; returns a function importing the next version."""
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    return versioned_watchlist(tmp_path, "tf-test")


def applicant_disposition(status: str) -> dict[str, Any]:
    """A disposition on the applicant's hit: no party."""
    return {
        "watchlist": "tf-test",
        "entity_id": "w-9",
        "status": status,
        "reason": "Another Acme: other register number.",
        "expires_at": "2099-01-01",
    }


def test_an_open_case_applicant_newly_listed_blocks_the_grant_until_a_disposition(
    world: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    case_id = submit(world["api"]["trader"], stun_gun_application())["case"]["id"]
    caseworker, senior = world["api"]["caseworker"], world["api"]["senior"]

    watchlist(JANE, ACME)
    result = rescreen(world)
    assert result["applicants"] == 1
    [alert] = result["alerts"]
    organisation = world["orgs"]["acme"].pk
    assert (alert["case_id"], alert["party_id"], alert["organisation_id"]) == (
        case_id,
        None,
        organisation,
    )
    assert (alert["entity_id"], alert["kind"], alert["licence"]) == ("w-9", "new", None)
    case = caseworker.get(f"/cases/{case_id}").json()
    assert "rescreen_hit" in case["flags"]
    [event] = AuditEvent.objects.filter(subject=f"case/{case['reference']}", verb="checks.rescreen")
    assert event.payload["hits"][0]["organisation"] == organisation

    advise(world, case_id, "grant")
    blocked = senior.post(f"/cases/{case_id}/decision", {"outcome": "grant"})
    assert blocked.status_code == 409
    assert "applicant 'Acme Security Exports GmbH'" in blocked.json()["error"]["message"]
    review = caseworker.post(
        f"/cases/{case_id}/dispositions", applicant_disposition("needs_review")
    )
    assert review.status_code == 201, review.json()
    assert senior.post(f"/cases/{case_id}/decision", {"outcome": "grant"}).status_code == 409
    done = caseworker.post(
        f"/cases/{case_id}/dispositions", applicant_disposition("false_positive")
    )
    assert done.status_code == 201, done.json()
    assert "rescreen_hit" not in caseworker.get(f"/cases/{case_id}").json()["flags"]
    granted = senior.post(f"/cases/{case_id}/decision", {"outcome": "grant"})
    assert granted.status_code == 201, granted.json()


def test_a_valid_licence_applicant_listed_is_an_alert_on_its_closed_case(
    world: dict[str, Any], watchlist: Any
) -> None:
    watchlist(JANE)
    licensed = grant(world)
    case_id, number = licensed["case_id"], licensed["licence"]["number"]
    caseworker = world["api"]["caseworker"]
    before = caseworker.get(f"/cases/{case_id}").json()

    watchlist(JANE, ACME)
    result = rescreen(world)
    assert (result["applicants"], result["licences"]) == (1, 1)
    [alert] = result["alerts"]
    assert (alert["case_id"], alert["licence"], alert["party_id"]) == (case_id, number, None)
    after = caseworker.get(f"/cases/{case_id}").json()
    assert (after["status"], after["flags"]) == (before["status"], before["flags"])
    [event] = AuditEvent.objects.filter(subject=f"licence/{number}", verb="checks.rescreen")
    assert event.payload["case"] == after["reference"]
    assert event.payload["hits"][0]["organisation"] == world["orgs"]["acme"].pk


def test_one_applicant_with_two_open_cases_is_screened_once_and_alerted_on_each(
    world: dict[str, Any], watchlist: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    watchlist(JANE)
    first = submit(world["api"]["trader"], stun_gun_application())["case"]["id"]
    second = submit(world["api"]["trader"], stun_gun_application())["case"]["id"]
    stored: list[Query] = []
    store_subjects = rescreening.store_subjects

    def spy(store: WatchlistStore, queries: list[Query]) -> Any:
        stored.extend(queries)
        return store_subjects(store, queries)

    monkeypatch.setattr(rescreening, "store_subjects", spy)
    watchlist(JANE, ACME)
    result = rescreen(world)
    assert result["applicants"] == 1
    assert [q.id for q in stored if q.id.startswith("organisation/")] == [
        f"organisation/{world['orgs']['acme'].pk}"
    ]
    assert sorted(a["case_id"] for a in result["alerts"]) == sorted([first, second])

    # The same versions again: nothing new.
    assert rescreen(world)["alerts"] == []
    assert RescreenAlert.objects.filter(organisation__isnull=False).count() == 2


def test_a_live_false_positive_on_the_applicant_suppresses_the_hit(
    world: dict[str, Any], watchlist: Any, tmp_path: Path
) -> None:
    watchlist(JANE)
    submit(world["api"]["trader"], stun_gun_application())
    watchlist(JANE, ACME)
    acme = world["orgs"]["acme"]
    # Recorded before re-screening, under the submit checks' subject key for the applicant.
    key = subject_key(
        Query(id=f"organisation/{acme.pk}", name=acme.name, schema="Organization", country="de")
    )
    record_disposition(
        WatchlistStore(tmp_path),
        subject=key,
        watchlist="tf-test",
        entity_id="w-9",
        status="false_positive",
        actor="test",
        reason="Another Acme.",
        expires_at="2099-01-01",
    )
    result = rescreen(world)
    assert (result["applicants"], result["alerts"]) == (1, [])
