"""Who is looking: the signed-in person, role gates for pages, and service errors as pages."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from torturefree_service.errors import Forbidden, NotFound, ServiceError
from torturefree_service.organisations.models import Person, Role

View = TypeVar("View", bound=Callable[..., HttpResponse])


def person_of(request: HttpRequest) -> Person | None:
    """The Person behind the session, or None (anonymous, or a user without a role)."""
    if not request.user.is_authenticated:
        return None
    return Person.objects.select_related("user", "organisation").filter(user=request.user).first()


def page_error(request: HttpRequest, error: ServiceError) -> HttpResponse:
    """A service's refusal as a page with the same status (403, 404, 409, 400)."""
    if isinstance(error, NotFound):
        title = _("Not found")
    elif isinstance(error, Forbidden):
        title = _("Not allowed")
    else:
        title = _("This cannot be done now")
    return render(
        request, "web/error.html", {"title": title, "message": error.message}, status=error.status
    )


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
