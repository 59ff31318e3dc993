"""Denials: staff read ours and others', import others', mark ours notified."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router

from torturefree_service.api.common import page_bounds, person
from torturefree_service.api.schemas import DenialImportIn
from torturefree_service.api.serialize import denial_out
from torturefree_service.denials.models import Denial
from torturefree_service.denials.selectors import denial_list
from torturefree_service.denials.services import denial_import, denial_mark_notified
from torturefree_service.errors import NotFound
from torturefree_service.organisations.access import CASEWORK, READERS, require_role

router = Router(tags=["denials"])


@router.get("/denials")
def list_denials(
    request: HttpRequest,
    direction: str | None = None,
    destination: str | None = None,
    overdue: bool = False,
    page: int = 1,
    page_size: int = 50,
) -> dict[str, Any]:
    require_role(person(request), *READERS)
    rows = denial_list(
        direction=direction,
        destination=destination,
        overdue_on=dt.date.today() if overdue else None,
    )
    page, start, end = page_bounds(page, page_size, 200)
    return {
        "count": rows.count(),
        "items": [denial_out(d) for d in rows[start:end]],
    }


@router.post("/denials/import")
def import_denials(request: HttpRequest, body: DenialImportIn) -> dict[str, int]:
    return denial_import(by=person(request), fmt=body.format, content=body.content)


@router.post("/denials/{denial_id}/notified")
def mark_notified(request: HttpRequest, denial_id: int) -> dict[str, Any]:
    who = person(request)
    require_role(who, *CASEWORK)
    denial = Denial.objects.filter(pk=denial_id).first()
    if denial is None:
        raise NotFound("no such denial", field="id")
    return denial_out(denial_mark_notified(by=who, denial=denial))
