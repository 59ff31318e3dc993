"""`torturefree demo` data: every state, and a second load changes nothing."""

from __future__ import annotations

from typing import Any

from service.applications.models import Application
from service.cases.models import Case
from service.demo import load_demo
from service.denials.models import Denial
from service.licences.models import Licence, Shipment


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
    load_demo()
    assert (Application.objects.count(), Case.objects.count(), Licence.objects.count()) == counts
