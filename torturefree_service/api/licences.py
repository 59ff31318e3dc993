"""Licences: holders and staff read (and download the PDF); senior officers act; shipments draw down."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.responses import Status

from torturefree_service.api.common import page_bounds, person
from torturefree_service.api.schemas import (
    ExtendIn,
    LicenceActionIn,
    LinesModifyIn,
    ModifyIn,
    ShipmentIn,
)
from torturefree_service.api.serialize import licence_out
from torturefree_service.errors import NotFound, Throttled
from torturefree_service.licences import services
from torturefree_service.licences.amendments import licence_lines_modify
from torturefree_service.licences.models import Licence
from torturefree_service.licences.pdf import licence_pdf
from torturefree_service.licences.selectors import licence_by_code, licence_list
from torturefree_service.ops import throttle
from torturefree_service.organisations.access import READERS, require_role
from torturefree_service.organisations.models import Person, Role

router = Router(tags=["licences"])
public = Router(tags=["public"])


def _licence(who: Person, licence_id: int) -> Licence:
    require_role(who, Role.TRADER, *READERS)
    licence = licence_list(person=who).filter(pk=licence_id).first()
    if licence is None:
        raise NotFound("no such licence", field="id")
    return licence


@router.get("/licences")
def list_licences(
    request: HttpRequest, status: str | None = None, page: int = 1, page_size: int = 50
) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER, *READERS)
    rows = licence_list(person=who, status=status)
    page, start, end = page_bounds(page, page_size, 200)
    return {
        "count": rows.count(),
        "items": [licence_out(lc) for lc in rows[start:end]],
    }


@router.get("/licences/{licence_id}")
def get_licence(request: HttpRequest, licence_id: int) -> dict[str, Any]:
    return licence_out(_licence(person(request), licence_id), full=True)


@router.get("/licences/{licence_id}/pdf", response={200: None})
def get_pdf(request: HttpRequest, licence_id: int) -> HttpResponse:
    licence = _licence(person(request), licence_id)
    pdf = licence_pdf(licence, request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{licence.number}.pdf"'
    return response


@router.post("/licences/{licence_id}/actions")
def act(request: HttpRequest, licence_id: int, body: LicenceActionIn) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.SENIOR_OFFICER)
    licence = services.licence_act(
        by=who, licence=_licence(who, licence_id), action=body.action, reason=body.reason
    )
    return licence_out(licence)


@router.post("/licences/{licence_id}/modify")
def modify(request: HttpRequest, licence_id: int, body: ModifyIn) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.SENIOR_OFFICER)
    return licence_out(
        services.licence_modify(
            by=who, licence=_licence(who, licence_id), conditions=body.conditions
        ),
        full=True,
    )


@router.post("/licences/{licence_id}/lines")
def modify_lines(request: HttpRequest, licence_id: int, body: LinesModifyIn) -> dict[str, Any]:
    """Art. 21(5): change lines' quantities or values; recorded as a new version of the lines."""
    who = person(request)
    require_role(who, Role.SENIOR_OFFICER)
    changes = [line.model_dump(exclude_none=True) for line in body.lines]
    licence = licence_lines_modify(
        by=who, licence=_licence(who, licence_id), lines=changes, reason=body.reason
    )
    return licence_out(licence, full=True)


@router.post("/licences/{licence_id}/extend")
def extend(request: HttpRequest, licence_id: int, body: ExtendIn) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.SENIOR_OFFICER)
    return licence_out(
        services.licence_extend(by=who, licence=_licence(who, licence_id), months=body.months)
    )


@router.post("/licences/{licence_id}/shipments", response={201: dict, 200: dict})
def ship(request: HttpRequest, licence_id: int, body: ShipmentIn) -> Status[dict[str, Any]]:
    """Record actual use; the same customs reference again is answered 200 and changes nothing."""
    who = person(request)
    require_role(who, Role.TRADER, Role.CASEWORKER, Role.SENIOR_OFFICER)
    result = services.shipment_record(
        by=who,
        licence=_licence(who, licence_id),
        customs_reference=body.customs_reference,
        shipped_on=body.shipped_on,
        lines=[line.model_dump() for line in body.lines],
    )
    licence = Licence.objects.get(pk=licence_id)
    status = 200 if result["already_recorded"] else 201
    return Status(
        status, {"already_recorded": result["already_recorded"], **licence_out(licence, full=True)}
    )


@public.get("/verify/{code}", auth=None, summary="Verify a licence by its code (public)")
def verify(request: HttpRequest, code: str) -> dict[str, Any]:
    address = throttle.request_address(request)
    wait = throttle.verify_wait(address)
    if wait:  # too many unknown codes from this address (#19)
        raise Throttled("too many unknown licence codes from this address", wait, field="code")
    licence = licence_by_code(code[:64])
    if licence is None:
        wait = throttle.verify_wait(address, missed=True)
        if wait:
            raise Throttled("too many unknown licence codes from this address", wait, field="code")
        raise NotFound("no licence has this code", field="code")
    return {
        "number": licence.number,
        "status": licence.status,
        "holder": licence.organisation.name,
        "destination": licence.destination,
        "issued_on": licence.issued_on.isoformat(),
        "valid_until": licence.valid_until.isoformat(),
        "lines": [
            {"description": ln.description, "quantity": str(ln.quantity), "unit": ln.unit}
            for ln in licence.lines.all()
        ],
    }
