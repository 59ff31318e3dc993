"""Sign-in throttling (#19): per account and per address, on the page and the API, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from torturefree_service.audit.models import AuditEvent
from torturefree_service.ops import throttle
from torturefree_service.organisations.services import token_issue


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    cache.clear()  # the throttling counts live in the cache, shared by the session's tests


def _page_login(client: Client, username: str, password: str, address: str = "10.0.0.1") -> int:
    answer = client.post(
        "/login", {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return int(answer.status_code)  # 302 signed in, 200 the form again


def test_the_page_refuses_the_right_password_after_five_wrong_ones(people: dict[str, Any]) -> None:
    client = Client()
    for _ in range(throttle.ACCOUNT_LIMIT):
        assert _page_login(client, "caseworker", "wrong") == 200
    assert _page_login(client, "caseworker", "demo-password") == 429  # throttled
    assert _page_login(Client(), "senior", "demo-password", "10.0.0.9") == 302  # others not
    event = AuditEvent.objects.get(verb="login.throttled")
    assert event.subject == "account:caseworker" and event.payload["channel"] == "page"


def test_one_address_trying_many_accounts_is_throttled(people: dict[str, Any]) -> None:
    client = Client()
    for n in range(throttle.ADDRESS_LIMIT):
        _page_login(client, f"nobody{n}", "wrong", "10.0.0.2")
    assert _page_login(client, "senior", "demo-password", "10.0.0.2") == 429
    assert _page_login(client, "senior", "demo-password", "10.0.0.3") == 302
    subject = AuditEvent.objects.get(verb="login.throttled").subject
    assert subject.startswith("address:") and "10.0.0.2" not in subject  # kept as a digest


def test_the_token_api_is_throttled_per_account(people: dict[str, Any]) -> None:
    client = Client()

    def ask(password: str) -> int:
        body = {"username": "caseworker", "password": password}
        return int(
            client.post("/api/v1/auth/token", body, content_type="application/json").status_code
        )

    assert [ask("wrong") for _ in range(throttle.ACCOUNT_LIMIT)] == [400] * throttle.ACCOUNT_LIMIT
    assert ask("demo-password") == 429
    assert AuditEvent.objects.get(verb="login.throttled").payload["channel"] == "api"


def test_guessing_bearer_tokens_blocks_the_address(people: dict[str, Any]) -> None:
    good = token_issue(person=people["people"]["caseworker"], label="t")
    client = Client()

    def call(token: str, address: str = "10.0.0.4") -> int:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}", "REMOTE_ADDR": address}
        return int(client.get("/api/v1/applications", **headers).status_code)

    assert call(good) == 200
    assert {call(f"guess-{n}") for n in range(throttle.ADDRESS_LIMIT)} == {401}
    assert call(good) == 429 and call(good, "10.0.0.5") == 200


@pytest.mark.parametrize(
    "path", ["/api/v1/determinations", "/api/v1/classifications", "/api/v1/screenings"]
)
def test_deep_or_large_json_is_refused_in_json_on_the_api(
    people: dict[str, Any], path: str
) -> None:
    good = token_issue(person=people["people"]["caseworker"], label="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {good}")
    deep = client.post(path, "[" * 1000 + "]" * 1000, content_type="application/json")
    assert deep.status_code == 400 and deep.json()["error"]["code"] == "too_deep"
    big = client.post(path, '"' + "a" * (3 * 1024 * 1024) + '"', content_type="application/json")
    assert big.status_code == 413 and big.json()["error"]["field"] == "body"


def test_every_throttled_answer_is_429_with_retry_after(people: dict[str, Any]) -> None:
    for _ in range(throttle.ACCOUNT_LIMIT):
        _page_login(Client(), "auditor", "wrong", "10.0.0.7")
    page = Client().post("/login", {"username": "auditor", "password": "x"}, REMOTE_ADDR="10.0.0.8")
    body = {"username": "auditor", "password": "demo-password"}
    api = Client().post("/api/v1/auth/token", body, content_type="application/json")
    for answer in (page, api):
        assert answer.status_code == 429
        assert 0 < int(answer["Retry-After"]) <= throttle.WINDOW_SECONDS
    assert api.json()["error"]["code"] == "throttled"
