"""The evidence register as pages: list with filters and due items, an item's history, reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from torturefree_service.checks import engines
from torturefree_service.evidence.services import evidence_create

from web.test_pages import client_for

TODAY = dt.date.today()
ITEM = {
    "kind": "cpt_report",
    "issuing_body": "European Committee for the Prevention of Torture",
    "country": "BR",
    "date": (TODAY - dt.timedelta(days=200)).isoformat(),
    "citation": {"title": "Report on the periodic visit", "symbol": "CPT/Inf (2024) 7"},
    "summary": "Detainees described electric shocks during interrogation.",
    "review_date": (TODAY - dt.timedelta(days=1)).isoformat(),
}


@pytest.fixture(autouse=True)
def own_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    engines.risk_context.cache_clear()
    yield
    engines.risk_context.cache_clear()


def test_the_register_lists_due_items_and_records_reviews(people: dict[str, Any]) -> None:
    item = evidence_create(by=people["people"]["caseworker"], data=ITEM, reason="entered")
    caseworker = client_for("caseworker")
    listed = caseworker.get("/evidence/", {"due": "on", "country": "BR"}).content.decode()
    assert "Report on the periodic visit" in listed and "due" in listed
    assert "Report on" not in caseworker.get("/evidence/", {"country": "FR"}).content.decode()
    page = caseworker.get(f"/evidence/{item.id}").content.decode()
    assert "CPT/Inf (2024) 7" in page and "entered" in page  # the history says why
    back = caseworker.post(
        f"/evidence/{item.id}/review",
        {"next_review": (TODAY - dt.timedelta(days=3)).isoformat(), "note": "read again"},
    )
    assert back.status_code == 400
    html = back.content.decode()
    assert 'id="id_next_review-error"' in html and "read again" in html
    later = (TODAY + dt.timedelta(days=180)).isoformat()
    done = caseworker.post(f"/evidence/{item.id}/review", {"next_review": later, "note": "ok"})
    assert done.status_code == 302
    assert "Report on" not in caseworker.get("/evidence/", {"due": "on"}).content.decode()
    auditor = client_for("auditor")
    assert "Record a review" not in auditor.get(f"/evidence/{item.id}").content.decode()
    assert auditor.post(f"/evidence/{item.id}/review", {"next_review": later}).status_code == 403
    assert client_for("trader").get("/evidence/").status_code == 403
