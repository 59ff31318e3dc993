"""Signing in to the hub's pages and the gate in front of the restricted ones: someone signed
out is sent to sign in, a signed-in user without a hub account is refused (403)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.errors import Forbidden, ServiceError, Throttled
from torturefree_service.hub import signins
from torturefree_service.hub.accountmodels import HubAccount
from torturefree_service.ops import throttle

View = TypeVar("View", bound=Callable[..., HttpResponse])


def account_of(request: HttpRequest) -> HubAccount | None:
    if not request.user.is_authenticated:
        return None
    return HubAccount.objects.select_related("user").filter(user=request.user).first()


def refused(request: HttpRequest, error: ServiceError) -> HttpResponse:
    """A refusal as the hub's error page, with the service's status (403, 404, 409, 400)."""
    titles = {403: _("Not allowed"), 404: _("Not found")}
    title = titles.get(error.status, _("This cannot be done now"))
    context = {"title": title, "message": error.message}
    return render(request, "web/error.html", context, status=error.status)


def for_accounts(view: View) -> View:
    """Pages for the hub's accounts: sign in first; what each role sees is the view's (roles)."""

    @functools.wraps(view)
    def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account = account_of(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("hub:sign_in"))
        if account is None:
            return refused(request, Forbidden(_("This sign-in has no account on the hub.")))
        request.hub_account = account  # type: ignore[attr-defined]
        try:
            return view(request, *args, **kwargs)
        except ServiceError as error:
            return refused(request, error)

    return inner  # type: ignore[return-value]


def sign_in(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":  # refused before the password is looked at (#19)
        wait = throttle.retry_after(
            request.POST.get("username", ""), throttle.request_address(request)
        )
        if wait:
            message = _("Too many failed sign-ins: try again in a few minutes.")
            return refused(request, Throttled(message, wait))
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        signins.signed_in(request)
        safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
        return redirect(wanted if wanted and safe else reverse("hub:desk"))
    if request.method == "POST":
        signins.refused(request, request.POST.get("username", ""))
    return render(request, "hub/sign_in.html", {"form": form, "next": wanted})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        signins.signed_out(request)
    logout(request)
    return redirect("hub:home")
