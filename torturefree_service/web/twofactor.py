"""Two-factor pages (#19): the code after the password, and enrolment with a QR code."""

from __future__ import annotations

import base64

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from torturefree_service.errors import ServiceError, Throttled
from torturefree_service.ops import otp


def throttled_page(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429 with Retry-After: too many failures from this account or address."""
    message = _("Too many failed attempts. Try again in %(minutes)d minutes.") % {
        "minutes": max(1, (retry_after + 59) // 60)
    }
    answer = render(
        request, "web/error.html", {"title": _("Too many attempts"), "message": message}, status=429
    )
    answer["Retry-After"] = str(retry_after)
    return answer


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
    return wanted if wanted and safe else ""


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The code from the authenticator app (or a recovery code) after the password."""
    if not otp.has_device(request.user):
        return redirect(_next(request) or "web:home")
    error = ""
    if request.method == "POST":
        try:
            otp.verify_session(request, request.POST.get("otp", ""))
        except Throttled as refused:
            return throttled_page(request, refused.retry_after)
        except ServiceError:
            error = _("The code is wrong or was used already.")
        else:
            return redirect(_next(request) or "web:home")
    context = {"error": error, "next": _next(request)}
    return render(request, "web/twofactor/verify.html", context, status=400 if error else 200)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (QR code and secret), renew recovery codes, or remove."""
    user = request.user
    if otp.has_device(user) and not otp.verified(request):
        return redirect("web:otp_verify")
    action = request.POST.get("action", "") if request.method == "POST" else ""
    context: dict[str, object] = {"enrolled": otp.has_device(user), "required": otp.required(user)}
    try:
        if action == "start":
            otp.start_enrolment(user)
        elif action == "confirm":
            context["codes"] = otp.confirm_enrolment(request, request.POST.get("otp", ""))
            context["enrolled"] = True
        elif action == "renew" and context["enrolled"]:
            context["codes"] = otp.renew_recovery_codes(user)
        elif action == "remove" and context["enrolled"]:
            otp.remove(user)
            context["enrolled"] = False
    except Throttled as refused:
        return throttled_page(request, refused.retry_after)
    except ServiceError as refused:
        context["error"] = (
            _("The code does not match. Check the time on your device and try again.")
            if action == "confirm"
            else refused.message
        )
    pending = None if context["enrolled"] else otp.pending_device(user)
    if pending is not None:
        context["qr"] = segno.make(pending.config_url, error="m").svg_data_uri(scale=4)
        context["secret"] = base64.b32encode(pending.bin_key).decode("ascii")
    context["next"] = _next(request)
    return render(request, "web/twofactor/setup.html", context)
