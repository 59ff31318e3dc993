"""Rate limits on work anyone can start (#19): annual-report jobs, 429 with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from torturefree_service.jobs import dispatch
from torturefree_service.jobs.models import Job
from torturefree_service.ops import throttle


@pytest.fixture
def queued_only(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    settings.TORTUREFREE_JOBS_SYNC = False
    settings.TORTUREFREE_PREPARE_LIMIT = 3
    monkeypatch.setattr(dispatch, "job_dispatch", lambda job_id: None)
    cache.clear()
    yield
    cache.clear()


def test_anonymous_prepares_share_the_report_being_built(db: Any, queued_only: None) -> None:
    visitor = Client()
    first = [visitor.post("/reports/annual/2025/prepare", {"format": "json"}) for _ in range(20)]
    assert Job.objects.count() == 1  # 20 asks, one report being built
    assert {a["Location"] for a in first} == {f"/jobs/{Job.objects.get().pk}"}


def test_anonymous_prepares_past_the_limit_answer_429(db: Any, queued_only: None) -> None:
    visitor = Client(REMOTE_ADDR="10.1.0.1")
    answers = [
        visitor.post(f"/reports/annual/{year}/prepare", {"format": "csv"})
        for year in range(2015, 2025)
    ]
    assert [a.status_code for a in answers[:3]] == [302] * 3
    refused = answers[3]
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 600
    assert Job.objects.count() == 3  # nothing queued past the limit
    other = Client(REMOTE_ADDR="10.1.0.2").post("/reports/annual/2015/prepare", {"format": "pdf"})
    assert other.status_code == 302  # the limit is per address


def test_hit_counts_per_key_and_window(db: Any) -> None:
    cache.clear()
    assert [throttle.hit("t", "a", 2, 60) for _ in range(2)] == [0, 0]
    assert 0 < throttle.hit("t", "a", 2, 60) <= 60
    assert throttle.hit("t", "b", 2, 60) == 0


def test_guessing_licence_codes_is_answered_429(db: Any) -> None:
    cache.clear()
    api = Client(REMOTE_ADDR="10.2.0.1")
    misses = [api.get(f"/api/v1/verify/GUESS-{n}") for n in range(throttle.VERIFY_MISS_LIMIT)]
    assert {m.status_code for m in misses} == {404}
    refused = api.get("/api/v1/verify/GUESS-X")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["error"]["code"] == "throttled"
    page = Client(REMOTE_ADDR="10.2.0.1").get("/verify/GUESS-Y")  # the page shares the count
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    assert Client(REMOTE_ADDR="10.2.0.2").get("/verify/GUESS-Z").status_code == 404
    cache.clear()
