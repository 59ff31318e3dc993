"""Login throttling on the shared cache: per account and per address, pages and API alike.

A failed sign-in (Django's `user_login_failed`, sent by every `authenticate()`: the sign-in
page, POST /api/v1/auth/token) or an unknown bearer token counts against the account named and
the address it came from. At the limit, further attempts are refused without checking the
password until the window ends, and one audit event `login.throttled` is recorded. A
successful sign-in clears the account's count (not the address's).
"""

from __future__ import annotations

import contextvars
import hashlib
import math
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 15 * 60
ACCOUNT_LIMIT = 5  # wrong passwords for one account in the window
ADDRESS_LIMIT = 20  # wrong passwords or tokens from one address in the window
_address: contextvars.ContextVar[str] = contextvars.ContextVar("address", default="")


def _key(kind: str, value: str) -> str:
    # Hashed: a username may hold any character, and cache keys must be plain.
    return f"throttle:{kind}:{hashlib.sha256(value.casefold().encode()).hexdigest()[:32]}"


def blocked(username: str, address: str) -> bool:
    return retry_after(username, address) > 0


def _over(kind: str, value: str, limit: int) -> int:
    """Seconds until the window of `kind:value` ends when it is at its limit, else 0."""
    if not value or cache.get(_key(kind, value), 0) < limit:
        return 0
    started = cache.get(_key(kind, value) + ":start")
    left = WINDOW_SECONDS if started is None else started + WINDOW_SECONDS - time.time()
    return max(1, math.ceil(left))


def retry_after(username: str, address: str, kind: str = "account") -> int:
    """Seconds until a throttled sign-in may be tried again (0: not throttled); what a 429
    answer puts in Retry-After. `kind` is the per-account count ("otp" for second factors)."""
    limit = ACCOUNT_LIMIT if kind in ("account", "otp") else ADDRESS_LIMIT
    return max(_over(kind, username, limit), _over("address", address, ADDRESS_LIMIT))


def address_digest(address: str) -> str:
    """How an address goes into the ledger, which is kept for years: a keyed digest, not as is
    (the same address gives the same digest, so a run of attempts from one place shows)."""
    return salted_hmac("throttle", address).hexdigest()[:16] if address else ""


def _count(kind: str, value: str, limit: int, channel: str) -> None:
    key = _key(kind, value)
    if cache.add(key, 0, WINDOW_SECONDS):
        cache.set(key + ":start", time.time(), WINDOW_SECONDS)
    try:
        seen = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        seen = 1
    if seen == limit:
        from torturefree_service.audit.services import audit_record

        shown = value[:200] if kind != "address" else address_digest(value)
        audit_record(
            verb="login.throttled",
            subject=f"{kind}:{shown}",
            actor="system",
            payload={"channel": channel, "failures": seen, "window_seconds": WINDOW_SECONDS},
        )


def failed(username: str, address: str, channel: str) -> None:
    if username:
        _count("account", username, ACCOUNT_LIMIT, channel)
    if address:
        _count("address", address, ADDRESS_LIMIT, channel)


def waiting(scope: str, key: str, limit: int, window: int) -> int:
    """The seconds `key` must wait before its next request of `scope` (0: it may go on),
    without counting one."""
    name = _key(scope, key)
    if cache.get(name, 0) < limit:
        return 0
    started = cache.get(name + ":start")
    left = window if started is None else started + window - time.time()
    return max(1, math.ceil(left))


# Unknown licence codes asked from one address: past this, the public verification answers
# 429 for a while (a licence code is not to be found by guessing).
VERIFY_MISS_LIMIT, VERIFY_MISS_WINDOW = 30, 600


def verify_wait(address: str, missed: bool = False) -> int:
    """Before a public licence lookup (missed=False) or after one found nothing (True)."""
    if missed:
        return hit("verify-miss", address, VERIFY_MISS_LIMIT, VERIFY_MISS_WINDOW)
    return waiting("verify-miss", address, VERIFY_MISS_LIMIT, VERIFY_MISS_WINDOW)


def hit(scope: str, key: str, limit: int, window: int) -> int:
    """Count one request of `scope` from `key` (an address, an account); the seconds to wait
    when that is more than `limit` in `window` seconds (answer 429 with Retry-After), else 0."""
    name = _key(scope, key)
    if cache.add(name, 0, window):
        cache.set(name + ":start", time.time(), window)
    try:
        seen = int(cache.incr(name))
    except ValueError:  # expired between add and incr
        cache.set(name, 1, window)
        cache.set(name + ":start", time.time(), window)
        seen = 1
    if seen <= limit:
        return 0
    started = cache.get(name + ":start")
    left = window if started is None else started + window - time.time()
    return max(1, math.ceil(left))


def otp_failed(username: str, address: str) -> None:
    """A wrong second-factor code: counts against the account (its own count, as strict as
    passwords) and the address."""
    _count("otp", username, ACCOUNT_LIMIT, "otp")
    if address:
        _count("address", address, ADDRESS_LIMIT, "otp")


def otp_cleared(username: str) -> None:
    cache.delete(_key("otp", username))


def current_address() -> str:
    return _address.get()


class ThrottleBackend:
    """First in AUTHENTICATION_BACKENDS: refuses (PermissionDenied stops the other backends)
    while the account or the address is over its limit."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **_: Any
    ) -> None:
        address = request_address(request) if request is not None else current_address()
        if blocked(username or "", address):
            raise PermissionDenied("too many failed sign-ins")

    def get_user(self, user_id: int) -> None:
        return None


def request_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or, when that is a trusted proxy (TORTUREFREE_TRUSTED_PROXIES), the last
    address the proxy appended to X-Forwarded-For: a client can write the header too, so only
    what our own proxy added counts."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if remote in getattr(settings, "TORTUREFREE_TRUSTED_PROXIES", ()):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1].strip()
        return forwarded or remote
    return remote


class AddressMiddleware:
    """Makes the caller's address known to code that has no request (token_login)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _address.set(request_address(request))
        try:
            return self.get_response(request)  # type: ignore[no-any-return]
        finally:
            _address.reset(token)


@receiver(user_login_failed)
def _on_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    address = request_address(request) if request is not None else current_address()
    failed(str(credentials.get("username") or ""), address, "api" if request is None else "page")


@receiver(user_logged_in)
def _on_success(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    cache.delete(_key("account", user.get_username()))
