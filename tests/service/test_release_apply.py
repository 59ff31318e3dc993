"""A release loaded before its entries apply changes nothing until the day; on the day the open
case whose answer changed is flagged with the old and new answers side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from servicekit import stun_gun_application
from test_service_story import advise, submit
from tests.lists.release_kit import (
    FUTURE,
    FUTURE_CODE,
    FUTURE_ENTRY,
    hub_key,
    n_and_next,
)
from torturefree_service.audit.models import AuditEvent
from torturefree_service.cases.models import Case
from torturefree_service.checks import engines
from torturefree_service.releases.models import ReleaseAlert
from torturefree_service.releases.services import (
    FLAG,
    release_alert_resolve,
    releases_apply_due,
)

from torturefree.lists.release_store import ReleaseStore

ISSUED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    folder = tmp_path_factory.mktemp("node-releases")
    hub = hub_key()
    n_and_next(folder, hub, ISSUED)
    return folder / "n.tar", folder / "n1.tar", hub


@pytest.fixture
def node(
    releases: tuple[Path, Path, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ReleaseStore]:
    """This node's home has loaded N then N+1 (the hub's two releases); engines rebuilt."""
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    monkeypatch.delenv("TORTUREFREE_DATA", raising=False)
    monkeypatch.delenv("TORTUREFREE_RELEASE", raising=False)
    store = ReleaseStore(tmp_path)
    store.load(releases[0], releases[2].public)
    store.load(releases[1], releases[2].public)
    engines.reset()
    yield store
    engines.reset()


def gym_application() -> dict[str, Any]:
    body = stun_gun_application()
    body["lines"] = [
        {
            "description": "gymnastics apparatus",
            "cn_code": FUTURE_CODE,
            "quantity": 10,
            "unit": "pieces",
            "value": 5000,
            "currency": "EUR",
        }
    ]
    return body


def test_the_day_the_new_entry_applies_the_changed_case_is_flagged(
    world: dict[str, Any], node: ReleaseStore
) -> None:
    current = node.current()
    assert current is not None
    application = submit(world["api"]["trader"], gym_application())
    case = Case.objects.get(pk=application["case"]["id"])
    first = case.application.checks.first()
    assert first is not None
    assert (first.outcome, first.data_release) == ("not_controlled", current.release)

    before = releases_apply_due(day=FUTURE - dt.timedelta(days=1))
    assert before["alerts"] == [] and before["release"] == current.release
    assert not ReleaseAlert.objects.filter(case=case).exists()

    on = releases_apply_due(day=FUTURE)
    assert on["law_changes_today"] is True
    [alert] = [a for a in on["alerts"] if a["case"] == case.reference]
    assert alert["old"] == {"release": current.release, "outcome": "not_controlled"}
    assert alert["new"] == {"release": current.release, "outcome": "licence_required"}
    assert alert["lines"][0]["new_entries"] == [FUTURE_ENTRY]
    case.refresh_from_db()
    assert FLAG in case.flags
    latest = case.application.checks.first()
    assert latest is not None and latest.outcome == "licence_required"
    assert AuditEvent.objects.filter(
        verb="releases.apply", subject=f"case/{case.reference}"
    ).exists()

    page = Client()
    assert page.login(username="caseworker", password="demo-password")
    html = page.get(f"/casework/cases/{case.pk}").content.decode()
    box = html[html.index('id="release-changes"') :]
    assert "Changed by a new list release" in box
    assert FUTURE_ENTRY in box and current.release in box
    assert box.index("Not controlled") < box.index("Licence required")  # old, then new

    assert releases_apply_due(day=FUTURE)["already_applied"] is True
    assert ReleaseAlert.objects.filter(case=case).count() == 1

    # The officer marks it reviewed with the box's form; the flag goes, the note is kept.
    alert_row = ReleaseAlert.objects.get(case=case)
    action = f"/casework/cases/{case.pk}/release-alerts/{alert_row.pk}/resolve"
    assert f'action="{action}"' in box
    done = page.post(action, {"note": "Gymnastics apparatus now in Annex III 9.1"}, follow=True)
    assert "Marked as reviewed" in done.content.decode()
    assert 'id="release-changes"' not in done.content.decode()
    alert_row.refresh_from_db()
    assert alert_row.resolved_by == world["people"]["caseworker"]
    assert alert_row.note == "Gymnastics apparatus now in Annex III 9.1"
    case.refresh_from_db()
    assert FLAG not in case.flags
    assert AuditEvent.objects.filter(verb="releases.alert_resolve").exists()
    assert page.post(action, {"note": ""}).status_code == 404  # already resolved


def test_an_unchanged_answer_raises_no_alert(world: dict[str, Any], node: ReleaseStore) -> None:
    application = submit(world["api"]["trader"], stun_gun_application())
    result = releases_apply_due(day=FUTURE)
    assert result["redetermined"] >= 1
    assert not [
        a
        for a in result["alerts"]
        if a["case"] == Case.objects.get(pk=application["case"]["id"]).reference
    ]


def test_a_valid_licence_whose_answer_changes_is_an_alert_on_its_closed_case(
    world: dict[str, Any], node: ReleaseStore
) -> None:
    body = stun_gun_application()
    body["lines"] = body["lines"] + gym_application()["lines"]
    application = submit(world["api"]["trader"], body)
    case_id = application["case"]["id"]
    advise(world, case_id, "grant")
    decided = world["api"]["senior"].post(
        f"/cases/{case_id}/decision", {"outcome": "grant", "validity_months": 12}
    )
    assert decided.status_code == 201, decided.json()
    case = Case.objects.get(pk=case_id)
    runs = case.application.checks.count()

    result = releases_apply_due(day=FUTURE)
    [alert] = [a for a in result["alerts"] if a["case"] == case.reference]
    assert alert["licence"] is not None
    assert (alert["old"]["outcome"], alert["new"]["outcome"]) == ("licence_required",) * 2
    assert [
        (line["line"], line["old_outcome"], line["new_outcome"]) for line in alert["lines"]
    ] == [(2, "not_controlled", "licence_required")]
    case.refresh_from_db()
    assert FLAG not in case.flags  # the closed case is not flagged; the licence is audited
    assert case.application.checks.count() == runs  # and gets no new check run
    assert AuditEvent.objects.filter(
        verb="releases.apply", subject=f"licence/{alert['licence']}"
    ).exists()
    # Customs checking the licence on the public verify page are told, until it is reviewed.
    licence = case.application.licence
    verify = f"/verify/{licence.verification_code}"
    shown = Client().get(verify).content.decode()
    assert 'id="list-change"' in shown and "is reviewing this licence" in shown
    row = ReleaseAlert.objects.get(pk=alert["id"])
    release_alert_resolve(by=world["people"]["caseworker"], alert=row, note="Still covered")
    assert 'id="list-change"' not in Client().get(verify).content.decode()


def test_a_run_missed_on_the_day_catches_up_the_next_day(
    world: dict[str, Any], node: ReleaseStore
) -> None:
    application = submit(world["api"]["trader"], gym_application())
    assert releases_apply_due(day=FUTURE - dt.timedelta(days=1))["alerts"] == []
    # The worker was down on FUTURE; two days later the change is still applied.
    later = releases_apply_due(day=FUTURE + dt.timedelta(days=2))
    assert later["law_changes_today"] is False
    [alert] = [
        a
        for a in later["alerts"]
        if a["case"] == Case.objects.get(pk=application["case"]["id"]).reference
    ]
    assert alert["new"]["outcome"] == "licence_required"


def test_the_applicant_and_the_officers_list_see_the_change(
    world: dict[str, Any], node: ReleaseStore
) -> None:
    """The trader's application page tells of the change on the day, in their language, and that
    the authority reviews it; after the review it says so. The officers' list changes page
    names the case until then."""
    application = submit(world["api"]["trader"], gym_application())
    case = Case.objects.get(pk=application["case"]["id"])
    trader = Client()
    assert trader.login(username="trader", password="demo-password")
    path = f"/trader/applications/{case.application.pk}"
    assert 'id="list-changes"' not in trader.get(path).content.decode()  # before the day

    releases_apply_due(day=FUTURE)
    page = trader.get(path).content.decode()
    box = page[page.index('id="list-changes"') :]
    assert "The control lists changed" in box and "is reviewing this change" in box
    assert box.index("Not controlled") < box.index("Licence required")  # old, then new
    french = trader.get(path, headers={"accept-language": "fr"}).content.decode()
    assert "Les listes de contrôle ont changé" in french

    officer = Client()
    assert officer.login(username="caseworker", password="demo-password")
    listed = officer.get("/casework/list-changes").content.decode()
    assert case.reference in listed and f"/casework/cases/{case.pk}#release-changes" in listed
    alert = ReleaseAlert.objects.get(case=case)
    officer.post(f"/casework/cases/{case.pk}/release-alerts/{alert.pk}/resolve", {"note": ""})
    assert "reviewed this change on" in trader.get(path).content.decode()
    assert case.reference not in officer.get("/casework/list-changes").content.decode()
    assert trader.get("/casework/list-changes").status_code == 403
