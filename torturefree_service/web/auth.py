"""Sign in and out with the service's users (Django sessions), and self-registration."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from torturefree_service.errors import ServiceError
from torturefree_service.ops import otp, throttle
from torturefree_service.organisations.services import organisation_register
from torturefree_service.web.access import attach
from torturefree_service.web.forms import RegisterForm
from torturefree_service.web.twofactor import throttled_page


def sign_in(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":  # refused before the password is looked at (#19)
        username = request.POST.get("username", "")
        wait = throttle.retry_after(username, throttle.request_address(request))
        if wait:
            return throttled_page(request, wait)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
        target = wanted if wanted and safe else reverse("web:home")
        if otp.has_device(request.user):  # the password alone opens nothing (#19)
            return redirect(f"{reverse('web:otp_verify')}?{urlencode({'next': target})}")
        return redirect(target)
    return render(request, "web/login.html", {"form": form, "next": wanted})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:home")


def register(request: HttpRequest) -> HttpResponse:
    """A new organisation and its first trader; it can apply once an administrator vets it."""
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = organisation_register(**form.cleaned_data)
        except ServiceError as error:
            attach(form, error)
        else:
            login(request, person.user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("web:trader_home")
    return render(request, "web/register.html", {"form": form})
