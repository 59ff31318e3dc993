"""Senior officers' licence actions (Art. 21(5)) and the import of other states' denials."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.errors import ServiceError
from torturefree_service.licences import services
from torturefree_service.licences.amendments import licence_lines_modify
from torturefree_service.licences.models import Licence
from torturefree_service.organisations.access import CASEWORK
from torturefree_service.organisations.models import Role
from torturefree_service.web.access import attach, carried_out, for_roles, me
from torturefree_service.web.jobs import submit
from torturefree_service.web.licences import licence_of, licence_page
from torturefree_service.web.officerforms import allowed_actions
from torturefree_service.web.staffforms import (
    ConditionsForm,
    DenialImportForm,
    ExtendForm,
    LicenceActionForm,
    LinesForm,
)

senior = for_roles(Role.SENIOR_OFFICER)


def _again(request: HttpRequest, licence: Licence, name: str) -> HttpResponse:
    """The licence page again with the posted form's errors and everything typed (400)."""
    return licence_page(request, licence, status=400, officer_bound=name)


@senior
@require_POST
def act(request: HttpRequest, licence_id: int) -> HttpResponse:
    who = me(request)
    licence = licence_of(who, licence_id)
    form = LicenceActionForm(request.POST, allowed=allowed_actions(licence), prefix="act")
    if carried_out(form, lambda data: services.licence_act(by=who, licence=licence, **data)):
        messages.success(request, _("The licence is now %(status)s.") % {
            "status": _label(licence.status)
        })  # fmt: skip
        return redirect("web:licence", licence.pk)
    request.officer_form = form  # type: ignore[attr-defined]
    return _again(request, licence, "act")


@senior
@require_POST
def conditions(request: HttpRequest, licence_id: int) -> HttpResponse:
    who = me(request)
    licence = licence_of(who, licence_id)
    form = ConditionsForm(request.POST, prefix="cond")
    if carried_out(form, lambda data: services.licence_modify(by=who, licence=licence, **data)):
        messages.success(request, _("Conditions changed."))
        return redirect("web:licence", licence.pk)
    request.officer_form = form  # type: ignore[attr-defined]
    return _again(request, licence, "conditions")


@senior
@require_POST
def extend(request: HttpRequest, licence_id: int) -> HttpResponse:
    who = me(request)
    licence = licence_of(who, licence_id)
    form = ExtendForm(request.POST, prefix="ext")

    def extend_by(data: dict[str, Any]) -> object:
        return services.licence_extend(by=who, licence=licence, months=data["months"])

    if carried_out(form, extend_by):
        messages.success(request, _("Validity extended."))
        return redirect("web:licence", licence.pk)
    request.officer_form = form  # type: ignore[attr-defined]
    return _again(request, licence, "extend")


@senior
@require_POST
def lines(request: HttpRequest, licence_id: int) -> HttpResponse:
    who = me(request)
    licence = licence_of(who, licence_id)
    form = LinesForm(request.POST, licence=licence, prefix="lines")
    if form.is_valid():
        changes = form.changes()
        if not changes:
            form.add_error(None, _("No quantity or value was changed."))
        else:
            try:
                licence_lines_modify(
                    by=who, licence=licence, lines=changes, reason=form.cleaned_data["reason"]
                )
            except ServiceError as error:
                attach(form, error, form.service_fields())
            else:
                messages.success(request, _("Lines changed; the earlier version is kept."))
                return redirect("web:licence", licence.pk)
    request.officer_form = form  # type: ignore[attr-defined]
    return _again(request, licence, "lines")


def _label(code: str) -> str:
    from torturefree_service.web.labels import label

    return label(code).lower()


@for_roles(*CASEWORK)
def denials_import(request: HttpRequest) -> HttpResponse:
    """Paste or upload other states' notifications; a background job checks them all together and
    stores all or none, its status page naming a wrong row beside the kept paste."""
    form = DenialImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return submit(
            request, "denial_import", {"format": data["format"], "content": data["content"]}
        )
    status = 400 if form.is_bound else 200
    return render(request, "web/casework/denial_import.html", {"form": form}, status=status)
