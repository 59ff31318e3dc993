"""Second factor (#19): TOTP devices and recovery codes on django-otp, checked at sign-in.

An account with a confirmed device must give a code after its password before any page opens
(SecondFactorMiddleware) and before the API issues it a token. With TORTUREFREE_OTP_REQUIRED
(on in the production profile) the roles in TORTUREFREE_OTP_ROLES (the officer roles) must
enrol first. Wrong codes are throttled like wrong passwords (ops/throttle.py) and audited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from torturefree_service.errors import ServiceError, Throttled
from torturefree_service.ops import throttle

RECOVERY_CODES = 10
OFFICER_ROLES = ("caseworker", "senior_officer", "auditor", "administrator")


class SecondFactorNeeded(ServiceError):
    status = 401
    code = "otp_required"


def _audit(verb: str, user: Any, payload: dict[str, Any] | None = None) -> None:
    from torturefree_service.audit.services import audit_record

    role = getattr(getattr(user, "person", None), "role", "user")
    name = user.get_username()
    audit_record(verb=verb, subject=f"user:{name}", actor=f"{role}:{name}", payload=payload)


def verified(request: HttpRequest) -> bool:
    """Whether this session gave a second factor (django-otp's OTPMiddleware sets it)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


def has_device(user: Any) -> bool:
    return bool(user.is_authenticated) and django_otp.user_has_device(user, confirmed=True)


def required(user: Any) -> bool:
    """Whether this account must have a second factor (the setting, for the officer roles)."""
    if not getattr(settings, "TORTUREFREE_OTP_REQUIRED", False):
        return False
    roles = getattr(settings, "TORTUREFREE_OTP_ROLES", OFFICER_ROLES)
    return getattr(getattr(user, "person", None), "role", None) in roles


def check_code(user: Any, code: str, address: str) -> Any:
    """The device that accepts `code` (a TOTP code or an unused recovery code), else raise.
    Refused without looking at the code while the account or the address is throttled."""
    name = user.get_username()
    wait = throttle.retry_after(name, address, kind="otp")
    if wait:
        raise Throttled("too many wrong codes: try again later", wait, field="otp")
    device = _matching_device(user, code.strip().replace(" ", "")) if code else None
    if device is None:
        with transaction.atomic():
            _audit("otp.fail", user, {"address_given": bool(address)})
            throttle.otp_failed(name, address)
        raise SecondFactorNeeded("the code is wrong or was used already", field="otp")
    throttle.otp_cleared(name)
    if isinstance(device, StaticDevice):
        _audit("otp.recovery_used", user, {"left": device.token_set.count()})
    return device


def _matching_device(user: Any, code: str) -> Any:
    """The confirmed device (TOTP, or the recovery codes) that accepts the code, locked while
    it records the use (a TOTP step or a recovery code is accepted once)."""
    with transaction.atomic():
        for device in django_otp.devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None


def verify_session(request: HttpRequest, code: str) -> None:
    """Mark this session as verified by a second factor (or raise)."""
    device = check_code(request.user, code, throttle.request_address(request))
    django_otp.login(request, device)
    _audit("otp.verify", request.user, {"device": type(device).__name__})


def start_enrolment(user: Any) -> TOTPDevice:
    """A new unconfirmed TOTP device (any earlier unconfirmed one is replaced)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def pending_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


@transaction.atomic
def confirm_enrolment(request: HttpRequest, code: str) -> list[str]:
    """Confirm the pending TOTP device with a code from the app; returns the recovery codes
    (shown once). Earlier devices of the account are replaced."""
    user = request.user
    device = pending_device(user)
    address = throttle.request_address(request)
    wait = throttle.retry_after(user.get_username(), address, kind="otp")
    if wait:
        raise Throttled("too many wrong codes: try again later", wait, field="otp")
    if device is None or not device.verify_token(code.strip().replace(" ", "")):
        throttle.otp_failed(user.get_username(), address)
        raise SecondFactorNeeded(
            "the code does not match: check the clock of the device", field="otp"
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = renew_recovery_codes(user, audit=False)
    django_otp.login(request, device)
    _audit("otp.enrol", user, {"recovery_codes": len(codes)})
    return codes


def renew_recovery_codes(user: Any, audit: bool = True) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    if audit:
        _audit("otp.recovery_renew", user, {"recovery_codes": len(codes)})
    return codes


@transaction.atomic
def remove(user: Any) -> None:
    """Remove every device (not allowed where a second factor is required)."""
    if required(user):
        raise ServiceError("a second factor is required for this role", field="otp")
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()
    _audit("otp.remove", user)


@transaction.atomic
def reset(username: str, reason: str) -> dict[str, Any]:
    """An operator removes every device of an account (torturefree account otp-reset)."""
    from django.contrib.auth import get_user_model

    from torturefree_service.audit.services import audit_record
    from torturefree_service.errors import Invalid, NotFound

    if not reason.strip():
        raise Invalid("say why the devices are removed", field="reason")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"no account '{username}'", field="username")
    removed = sum(m.objects.filter(user=user).delete()[0] for m in (TOTPDevice, StaticDevice))
    audit_record(
        verb="otp.remove",
        subject=f"user:{username}",
        actor="operator:cli",
        payload={"reason": reason.strip()[:500], "removed": removed},
    )
    return {"username": username, "removed": removed, "must_enrol": required(user)}


def token_gate(user: Any, code: str | None) -> None:
    """Before the API issues a token: the second factor, when the account has or needs one."""
    if has_device(user):
        check_code(user, code or "", throttle.current_address())
    elif required(user):
        raise SecondFactorNeeded(
            "this role needs a second factor: enrol one on the Two-factor page first",
            field="otp",
        )


# Paths an account signed in with its password only may open; the code page and the
# enrolment page are added by the middleware, each only when it is the one to give.
_OPEN_PREFIXES = ("/logout", "/language", "/static/", "/assets/", "/api/", "/exchange/")
_OPEN_EXACT = ("/healthz",)


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a session signed in with a password only reaches the
    code page (an account with a device) or the enrolment page (an account that needs one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._target(request)
        if target is None or request.path == target or self._open(request.path):
            return self.get_response(request)
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _target(request: HttpRequest) -> str | None:
        """The page this session must see first, or None when it may go anywhere."""
        user = request.user
        if not user.is_authenticated or verified(request):
            return None
        name = "web:otp_verify" if has_device(user) else "web:otp_setup" if required(user) else ""
        try:
            return reverse(name) if name else None
        except NoReverseMatch:  # a deployable without the pages (the hub)
            return None

    @staticmethod
    def _open(path: str) -> bool:
        return path in _OPEN_EXACT or path.startswith(_OPEN_PREFIXES)
