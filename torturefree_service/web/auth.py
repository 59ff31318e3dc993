"""Sign in and out with the service's users (Django sessions), and self-registration."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from torturefree_service.errors import ServiceError
from torturefree_service.organisations.services import organisation_register
from torturefree_service.web.access import attach
from torturefree_service.web.forms import RegisterForm


def sign_in(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
        return redirect(wanted if wanted and safe else "web:home")
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
