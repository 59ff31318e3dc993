"""Second factor (#19): a password alone opens nothing for an account with a TOTP device."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from torturefree_service.audit.models import AuditEvent
from torturefree_service.ops import otp, throttle

from web.pagekit import PASSWORD

VERIFY = "/account/two-factor/verify"
SETUP = "/account/two-factor/"


@pytest.fixture(autouse=True)
def _fresh(settings: Any) -> Iterator[None]:
    cache.clear()
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own back-off; ours is tested here
    yield
    cache.clear()


def code(key: bytes, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` periods of 30 s later)."""
    return f"{totp(key, drift=steps_ahead):06d}"


def enrolled(person: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=person.user, name="app", confirmed=True)


def signed_in(username: str) -> Client:
    client = Client()
    answer = client.post("/login", {"username": username, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def test_the_password_alone_opens_no_page_and_the_code_does(people: dict[str, Any]) -> None:
    device = enrolled(people["people"]["caseworker"])
    client = Client()
    answer = client.post(
        "/login", {"username": "caseworker", "password": PASSWORD, "next": "/casework/"}
    )
    assert answer.status_code == 302 and answer["Location"].startswith(VERIFY)
    for page in ("/casework/", "/audit/", "/trader/"):
        refused = client.get(page)
        assert refused.status_code == 302 and refused["Location"].startswith(VERIFY), page
    assert client.post(VERIFY, {"otp": "000000"}).status_code == 400
    assert client.get("/casework/").status_code == 302  # still not verified
    answer = client.post(VERIFY, {"otp": code(device.bin_key), "next": "/casework/"})
    assert answer.status_code == 302 and answer["Location"] == "/casework/"
    assert client.get("/casework/").status_code == 200
    assert AuditEvent.objects.filter(verb="otp.verify", subject="user:caseworker").count() == 1
    assert AuditEvent.objects.filter(verb="otp.fail").count() == 1


def test_an_unverified_session_cannot_replace_or_remove_the_device(
    people: dict[str, Any],
) -> None:
    enrolled(people["people"]["senior"])
    client = signed_in("senior")
    for action in ("start", "remove", "renew"):
        answer = client.post(SETUP, {"action": action})
        assert answer.status_code == 302 and answer["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user__username="senior").count() == 1


def test_wrong_codes_are_throttled_with_429_and_audited(people: dict[str, Any]) -> None:
    device = enrolled(people["people"]["caseworker"])
    client = signed_in("caseworker")
    for _ in range(throttle.ACCOUNT_LIMIT):
        assert client.post(VERIFY, {"otp": "123456"}).status_code == 400
    answer = client.post(VERIFY, {"otp": code(device.bin_key)})  # right, but throttled
    assert answer.status_code == 429 and 0 < int(answer["Retry-After"]) <= throttle.WINDOW_SECONDS
    assert client.get("/casework/").status_code == 302
    event = AuditEvent.objects.get(verb="login.throttled")
    assert event.subject == "otp:caseworker" and event.payload["channel"] == "otp"
    assert AuditEvent.objects.filter(verb="otp.fail").count() == throttle.ACCOUNT_LIMIT


def test_a_recovery_code_works_once(people: dict[str, Any]) -> None:
    user = people["people"]["auditor"].user
    enrolled(people["people"]["auditor"])
    recovery = otp.renew_recovery_codes(user)
    assert len(recovery) == otp.RECOVERY_CODES
    first = signed_in("auditor")
    assert first.post(VERIFY, {"otp": recovery[0]}).status_code == 302
    assert first.get("/audit/").status_code == 200
    second = signed_in("auditor")
    assert second.post(VERIFY, {"otp": recovery[0]}).status_code == 400
    assert second.get("/audit/").status_code == 302
    used = AuditEvent.objects.get(verb="otp.recovery_used")
    assert used.payload["left"] == otp.RECOVERY_CODES - 1


def test_enrolment_with_the_qr_code_then_sign_in_asks_for_the_code(
    people: dict[str, Any],
) -> None:
    client = signed_in("senior")
    page = client.post(SETUP, {"action": "start"}).content.decode()
    assert 'src="data:image/svg+xml' in page
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page)
    assert secret is not None
    key = base64.b32decode(secret.group(1))
    assert client.post(SETUP, {"action": "confirm", "otp": "000000"}).status_code == 200
    assert not otp.has_device(people["people"]["senior"].user)  # a wrong code confirms nothing
    done = client.post(SETUP, {"action": "confirm", "otp": code(key)}).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done)
    assert len(codes) == otp.RECOVERY_CODES
    assert AuditEvent.objects.filter(verb="otp.enrol", subject="user:senior").exists()
    assert client.get("/casework/").status_code == 200  # this session verified itself
    again = Client()
    answer = again.post("/login", {"username": "senior", "password": PASSWORD})
    assert answer["Location"].startswith(VERIFY)
    assert again.post(VERIFY, {"otp": code(key, steps_ahead=1)}).status_code == 302
    assert again.get("/casework/").status_code == 200


def test_required_for_officers_sends_them_to_enrolment_but_not_traders(
    people: dict[str, Any], settings: Any
) -> None:
    settings.TORTUREFREE_OTP_REQUIRED = True
    officer = signed_in("caseworker")
    answer = officer.get("/casework/")
    assert answer.status_code == 302 and answer["Location"].startswith(SETUP)
    assert officer.get(SETUP).status_code == 200
    assert signed_in("trader").get("/trader/").status_code == 200
    refused = Client().post(
        "/api/v1/auth/token",
        {"username": "caseworker", "password": PASSWORD},
        content_type="application/json",
    )
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "otp_required"


def _token(username: str, extra: dict[str, str] | None = None) -> Any:
    body = {"username": username, "password": PASSWORD, **(extra or {})}
    return Client().post("/api/v1/auth/token", body, content_type="application/json")


def test_the_api_issues_a_token_only_after_the_second_factor(people: dict[str, Any]) -> None:
    device = enrolled(people["people"]["caseworker"])
    assert _token("caseworker").status_code == 401
    assert _token("caseworker", {"otp": "999999"}).json()["error"]["field"] == "otp"
    answer = _token("caseworker", {"otp": code(device.bin_key)})
    assert answer.status_code == 200 and answer.json()["token"].startswith("tf_")
    for _ in range(throttle.ACCOUNT_LIMIT):
        _token("caseworker", {"otp": "999999"})
    throttled = _token("caseworker", {"otp": code(device.bin_key, steps_ahead=1)})
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert _token("trader").status_code == 200  # no device: the password is enough


def test_retry_after_counts_down_from_the_first_failure(people: dict[str, Any]) -> None:
    for _ in range(throttle.ACCOUNT_LIMIT):
        throttle.failed("someone", "", "page")
    cache.set(throttle._key("account", "someone") + ":start", time.time() - 600, 900)
    assert 290 <= throttle.retry_after("someone", "") <= 300


def test_no_token_at_user_creation_for_a_role_that_needs_a_second_factor(
    people: dict[str, Any], settings: Any
) -> None:
    from torturefree_service.organisations.services import person_create, token_issue

    settings.TORTUREFREE_OTP_REQUIRED = True
    admin = person_create(username="admin1", password=PASSWORD, role="administrator")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(person=admin, label='t')}")

    def create(username: str, role: str, organisation: int | None = None) -> Any:
        body = {"username": username, "password": "long-enough-pass-1", "role": role}
        body |= {"organisation_id": organisation} if organisation else {}
        return client.post("/api/v1/users", body, content_type="application/json")

    officer = create("newofficer", "caseworker")
    assert officer.status_code == 201 and officer.json()["token"] is None
    acme = people["orgs"]["acme"].pk
    assert create("newtrader", "trader", acme).json()["token"].startswith("tf_")


def test_an_operator_reset_removes_the_devices_and_is_audited(
    people: dict[str, Any], settings: Any
) -> None:
    settings.TORTUREFREE_OTP_REQUIRED = True
    person = people["people"]["caseworker"]
    enrolled(person)
    otp.renew_recovery_codes(person.user)
    done = otp.reset("caseworker", "lost phone, no recovery code")
    assert done["removed"] >= 2 and done["must_enrol"] is True
    assert not otp.has_device(person.user)
    event = AuditEvent.objects.filter(verb="otp.remove").get()
    assert event.actor == "operator:cli" and event.payload["reason"].startswith("lost phone")
    answer = signed_in("caseworker").get("/casework/")
    assert answer["Location"].startswith(SETUP)  # enrols again before any page
