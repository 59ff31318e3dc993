"""Who is looking: the signed-in person, role gates for pages, and service errors as pages."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from torturefree_service.errors import Forbidden, NotFound, ServiceError
from torturefree_service.organisations.models import Person, Role

View = TypeVar("View", bound=Callable[..., HttpResponse])


def person_of(request: HttpRequest) -> Person | None:
    """The Person behind the session, or None (anonymous, or a user without a role)."""
    if not request.user.is_authenticated:
        return None
    return Person.objects.select_related("user", "organisation").filter(user=request.user).first()


HOMES = {Role.TRADER: "web:trader_home", Role.ADMINISTRATOR: "web:organisations"}


def home_url(person: Person | None) -> str:
    """Each role's own start: traders their applications, administrators vetting, officers
    the case queue; someone signed out the public home."""
    if person is None:
        return reverse("web:home")
    return reverse(HOMES.get(Role(person.role), "web:queue"))


def page_error(request: HttpRequest, error: ServiceError) -> HttpResponse:
    """A service's refusal as a page with the same status (403, 404, 409, 400), saying what
    can be done next and linking it (#20: no dead ends)."""
    if isinstance(error, NotFound):
        title = _("Not found")
    elif isinstance(error, Forbidden):
        title = _("Not allowed")
    else:
        title = _("This cannot be done now")
    context = {"title": title, "message": error.message, "next": next_steps(request, error)}
    return render(request, "web/error.html", context, status=error.status)


def next_steps(request: HttpRequest, error: ServiceError) -> list[dict[str, str]]:
    """Where to go from a refusal: back where one came from, one's own pages, another login."""
    who = person_of(request)
    steps: list[dict[str, str]] = []
    back = request.headers.get("referer", "")
    if back and back != request.build_absolute_uri() and _ours(request, back):
        steps.append({"text": _("Go back to the page you came from"), "href": back})
    if who is None:
        steps.append({"text": _("Sign in"), "href": reverse("web:login")})
    else:
        steps.append({"text": _("Go to your own pages"), "href": home_url(who)})
    if isinstance(error, Forbidden) and who is not None:
        steps.append(
            {"text": _("Sign out and sign in with another role"), "href": reverse("web:login")}
        )
    if isinstance(error, NotFound):
        steps.append(
            {"text": _("Check goods against the control lists"), "href": reverse("web:check")}
        )
    return steps


def _ours(request: HttpRequest, url: str) -> bool:
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})


def for_roles(*roles: Role) -> Callable[[View], View]:
    """Pages for some roles: sign in first; the services still check every action themselves."""

    def wrap(view: View) -> View:
        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            who = person_of(request)
            if who is None:
                return redirect_to_login(request.get_full_path())
            request.person = who  # type: ignore[attr-defined]
            if roles and who.role not in roles:
                return page_error(request, Forbidden(_("This page is not for your role.")))
            try:
                return view(request, *args, **kwargs)
            except ServiceError as error:  # forms handle their own; this is the last resort
                return page_error(request, error)

        return inner  # type: ignore[return-value]

    return wrap


def me(request: HttpRequest) -> Person:
    return request.person  # type: ignore[attr-defined,no-any-return]


def carried_out(
    form: forms.Form,
    action: Callable[[dict[str, Any]], object],
    fields: dict[str, str] | None = None,
) -> bool:
    """Validate the form, then run the service on its data; a refusal lands on its field."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ServiceError as error:
        attach(form, error, fields)
        return False
    return True


def attach(form: forms.Form, error: ServiceError, fields: dict[str, str] | None = None) -> None:
    """Show a service's refusal next to the field it names, keeping everything typed."""
    name = (fields or {}).get(error.field or "", error.field or "")
    if name in form.fields:
        form.add_error(name, error.message)
    else:
        form.add_error(None, error.message)
