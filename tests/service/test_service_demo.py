"""`torturefree demo` data: every state, and a second load changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from torturefree_service.applications.models import Application
from torturefree_service.cases.models import Case
from torturefree_service.demo import load_demo, load_demo_evidence
from torturefree_service.denials.models import Denial
from torturefree_service.licences.models import Licence, Shipment


def test_the_demo_covers_every_state_and_is_idempotent(db: Any) -> None:
    logins = load_demo()
    assert {login["role"] for login in logins} == {
        "trader",
        "caseworker",
        "senior_officer",
        "auditor",
        "administrator",
    }
    counts = (Application.objects.count(), Case.objects.count(), Licence.objects.count())
    assert {"draft", "submitted", "granted", "refused", "withdrawn"} <= set(
        Application.objects.values_list("status", flat=True)
    )
    assert {"new", "in_review", "awaiting_applicant", "advised", "closed"} <= set(
        Case.objects.values_list("status", flat=True)
    )
    assert Shipment.objects.exists()
    assert set(Denial.objects.values_list("direction", flat=True)) == {"incoming", "outgoing"}
    registration = Application.objects.get(type="gea_registration")
    assert registration.status == "registered" and registration.first_use_notified_on
    load_demo()
    assert (Application.objects.count(), Case.objects.count(), Licence.objects.count()) == counts


def test_the_demo_loads_country_facts_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from torturefree.risk import open_store

    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    folder = Path(__file__).resolve().parents[1] / "risk" / "fixtures" / "evidence"
    first = load_demo_evidence(folder)
    assert {i["dataset"] for i in first} >= {"amnesty-death-penalty", "pts"}
    assert all(i["changed"] for i in first)
    assert not any(i["changed"] for i in load_demo_evidence(folder))
    assert open_store(tmp_path).imports()
    assert load_demo_evidence(None) == []
