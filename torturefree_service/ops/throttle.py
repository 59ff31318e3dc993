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
    over_account = bool(username) and cache.get(_key("account", username), 0) >= ACCOUNT_LIMIT
    over_address = bool(address) and cache.get(_key("address", address), 0) >= ADDRESS_LIMIT
    return over_account or over_address


def _count(kind: str, value: str, limit: int, channel: str) -> None:
    key = _key(kind, value)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        seen = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        seen = 1
    if seen == limit:
        from torturefree_service.audit.services import audit_record

        # The ledger is kept for years: an address is recorded as a keyed digest, not as is.
        shown = (
            value[:200] if kind == "account" else salted_hmac("throttle", value).hexdigest()[:16]
        )
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


def current_address() -> str:
    return _address.get()


class ThrottleBackend:
    """First in AUTHENTICATION_BACKENDS: refuses (PermissionDenied stops the other backends)
    while the account or the address is over its limit."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **_: Any
    ) -> None:
        address = _request_address(request) if request is not None else current_address()
        if blocked(username or "", address):
            raise PermissionDenied("too many failed sign-ins")

    def get_user(self, user_id: int) -> None:
        return None


def _request_address(request: HttpRequest) -> str:
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
        token = _address.set(_request_address(request))
        try:
            return self.get_response(request)  # type: ignore[no-any-return]
        finally:
            _address.reset(token)


@receiver(user_login_failed)
def _on_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    address = _request_address(request) if request is not None else current_address()
    failed(str(credentials.get("username") or ""), address, "api" if request is None else "page")


@receiver(user_logged_in)
def _on_success(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    cache.delete(_key("account", user.get_username()))
