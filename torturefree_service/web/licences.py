"""Licence pages for holders and staff: balances, shipments, the PDF, a printable view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.checks.rescreening import licence_alerts_open
from torturefree_service.errors import NotFound, ServiceError
from torturefree_service.licences.models import Licence
from torturefree_service.licences.pdf import licence_pdf
from torturefree_service.licences.selectors import licence_list
from torturefree_service.licences.services import shipment_record
from torturefree_service.organisations.access import CASEWORK, READERS
from torturefree_service.organisations.models import Person, Role
from torturefree_service.web.access import attach, for_roles, me
from torturefree_service.web.forms import ShipmentForm
from torturefree_service.web.officerforms import officer_forms

holders_and_staff = for_roles(Role.TRADER, *READERS)


def licence_of(who: Person, licence_id: int) -> Licence:
    found = licence_list(person=who).filter(pk=licence_id).first()
    if found is None:
        raise NotFound(_("No such licence."), field="id")
    return found


def licence_page(
    request: HttpRequest,
    licence: Licence,
    form: ShipmentForm | None = None,
    status: int = 200,
    officer_bound: str = "",
) -> HttpResponse:
    """The licence page; a senior officer also sees the Art. 21(5) actions, the posted one bound."""
    who = me(request)
    officer: dict[str, Any] = {}
    if who.role == Role.SENIOR_OFFICER:
        officer = officer_forms(licence)
        if officer_bound:
            officer[f"{officer_bound}_form"] = request.officer_form  # type: ignore[attr-defined]
    context = officer | {
        "officer": bool(officer),
        "officer_bound": officer_bound,
        "licence": licence,
        "application": licence.application,
        "lines": list(licence.lines.all()),
        "shipments": list(licence.shipments.select_related("line").order_by("shipped_on", "id")),
        "end_users": list(licence.application.parties.filter(role="end_user")),
        "form": form or ShipmentForm(),
        "can_ship": who.role in (Role.TRADER, Role.CASEWORKER, Role.SENIOR_OFFICER),
        # Hits a new list version raised on its parties: disposed of on the case page.
        "rescreen_alerts": licence_alerts_open(licence) if who.role in CASEWORK else [],
    }
    return render(request, "web/licence.html", context, status=status)


@holders_and_staff
def licence(request: HttpRequest, licence_id: int) -> HttpResponse:
    return licence_page(request, licence_of(me(request), licence_id))


@holders_and_staff
def licence_download(request: HttpRequest, licence_id: int) -> HttpResponse:
    found = licence_of(me(request), licence_id)
    response = HttpResponse(
        licence_pdf(found, request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{found.number}.pdf"'
    return response


@holders_and_staff
@require_POST
def shipment(request: HttpRequest, licence_id: int) -> HttpResponse:
    who = me(request)
    found = licence_of(who, licence_id)
    form = ShipmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        line = {
            "line_no": data["line_no"],
            "quantity": data["quantity"],
            "value": data["value"] or 0,
        }
        try:
            result = shipment_record(
                by=who,
                licence=found,
                customs_reference=data["customs_reference"],
                shipped_on=data["shipped_on"],
                lines=[line],
            )
        except ServiceError as error:
            attach(form, error, {"lines[0].quantity": "quantity", "lines[0].line_no": "line_no"})
        else:
            if result["already_recorded"]:
                messages.info(request, _("This customs reference was already recorded."))
            else:
                messages.success(request, _("Shipment recorded."))
            return redirect("web:licence", found.pk)
    return licence_page(request, found, form, status=400)
