"""Licence pages for holders and staff: balances, shipments, the PDF, a printable view."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from service.errors import NotFound, ServiceError
from service.licences.models import Licence
from service.licences.pdf import licence_pdf
from service.licences.selectors import licence_list
from service.licences.services import shipment_record
from service.organisations.access import READERS
from service.organisations.models import Person, Role
from service.web.access import attach, for_roles, me
from service.web.forms import ShipmentForm

holders_and_staff = for_roles(Role.TRADER, *READERS)


def _licence(who: Person, licence_id: int) -> Licence:
    found = licence_list(person=who).filter(pk=licence_id).first()
    if found is None:
        raise NotFound(_("No such licence."), field="id")
    return found


def _page(
    request: HttpRequest, licence: Licence, form: ShipmentForm, status: int = 200
) -> HttpResponse:
    context = {
        "licence": licence,
        "application": licence.application,
        "lines": list(licence.lines.all()),
        "shipments": list(licence.shipments.select_related("line").order_by("shipped_on", "id")),
        "end_users": list(licence.application.parties.filter(role="end_user")),
        "form": form,
        "can_ship": me(request).role in (Role.TRADER, Role.CASEWORKER, Role.SENIOR_OFFICER),
    }
    return render(request, "web/licence.html", context, status=status)


@holders_and_staff
def licence(request: HttpRequest, licence_id: int) -> HttpResponse:
    return _page(request, _licence(me(request), licence_id), ShipmentForm())


@holders_and_staff
def licence_download(request: HttpRequest, licence_id: int) -> HttpResponse:
    found = _licence(me(request), licence_id)
    response = HttpResponse(
        licence_pdf(found, request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{found.number}.pdf"'
    return response


@holders_and_staff
@require_POST
def shipment(request: HttpRequest, licence_id: int) -> HttpResponse:
    who = me(request)
    found = _licence(who, licence_id)
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
    return _page(request, found, form, status=400)
