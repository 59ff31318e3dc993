"""The expert mechanism on the hub: experts, filing a request, recording each step after the core
procedure accepts it (replayed from the stored events, so the rules live only in the core), and
the public summary of a request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from pydantic import ValidationError

from torturefree.errors import InputError
from torturefree.lists.amendments import model as core
from torturefree.lists.amendments.procedure import Procedure, replay, start, step
from torturefree.lists.amendments.rules import Rules, rules_on
from torturefree.lists.catalogue import load_catalogue
from torturefree_service.amendments.models import AmendmentEvent, AmendmentRequest, Expert
from torturefree_service.amendments.notices import queue_notices


def rules_for(day: dt.date) -> Rules:
    """The mechanism's rules on `day` in the law the hub reads (its current release)."""
    return rules_on(load_catalogue(), day)


def experts() -> dict[str, core.Expert]:
    return {row.expert_id: _expert(row) for row in Expert.objects.all()}


def _expert(row: Expert) -> core.Expert:
    return core.Expert(
        id=row.expert_id,
        name=row.name,
        nationality=row.nationality,
        regional_group=row.regional_group,
        fields=list(row.fields),
    )


def add_expert(data: dict[str, Any]) -> Expert:
    """Register an expert (refused: an unknown regional group or field name is a typo)."""
    try:
        expert = core.Expert.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise InputError(str(first["msg"]), field=".".join(map(str, first["loc"]))) from error
    spec = rules_for(dt.date.today())["panel"]
    if expert.regional_group not in spec["regional_groups"]:
        known = ", ".join(spec["regional_groups"])
        raise InputError(f"not a UN regional group ({known})", field="regional_group")
    known_fields = set(spec["required_fields"]) | set(spec["technical_fields"])
    unknown = sorted(set(expert.fields) - known_fields)
    if unknown:
        raise InputError(f"unknown field(s): {', '.join(unknown)}", field="fields")
    if Expert.objects.filter(expert_id=expert.id).exists():
        raise InputError(f"expert {expert.id} is already registered", field="id")
    return Expert.objects.create(
        expert_id=expert.id,
        name=expert.name,
        nationality=expert.nationality,
        regional_group=expert.regional_group,
        fields=expert.fields,
    )


def file_request(data: dict[str, Any], at: dt.date) -> Procedure:
    """Record a request received on `at` (validated by the core before anything is stored)."""
    event = core.Event(kind="file", at=at, by=str(data.get("requester") or "-"), data=data)
    procedure = start(event, rules_for(at))
    request = procedure.request
    with transaction.atomic():
        if AmendmentRequest.objects.filter(request_id=request.id).exists():
            raise InputError(f"request {request.id} was already filed", field="id")
        row = AmendmentRequest.objects.create(
            request_id=request.id,
            requester=request.requester,
            entry=request.entry,
            change=request.change.value,
            urgent=request.urgent,
            received=at,
        )
        _store(row, 0, event)
    return procedure


def record(request_id: str, kind: str, at: dt.date, by: str, data: dict[str, Any]) -> Procedure:
    """Apply one step; refused (ProcedureError, nothing stored) when the procedure forbids it."""
    with transaction.atomic():
        row = _locked(request_id)
        procedure = _replay(row)
        event = core.Event(kind=kind, at=at, by=by, data=data)
        step(procedure, event, experts())
        _store(row, len(procedure.events) - 1, event)
        row.state = procedure.state
        row.save(update_fields=["state", "updated_at"])
        queue_notices(row, procedure, event)
    return procedure


def procedure_of(request_id: str) -> Procedure:
    row = AmendmentRequest.objects.filter(request_id=request_id).first()
    if row is None:
        raise InputError(f"no request {request_id}", field="request")
    return _replay(row)


def _locked(request_id: str) -> AmendmentRequest:
    row = AmendmentRequest.objects.select_for_update().filter(request_id=request_id).first()
    if row is None:
        raise InputError(f"no request {request_id}", field="request")
    return row


def _replay(row: AmendmentRequest) -> Procedure:
    events = [
        core.Event(kind=e.kind, at=e.at, by=e.by, data=e.data) for e in row.events.order_by("seq")
    ]
    return replay(events, rules_for, experts())


def _store(row: AmendmentRequest, seq: int, event: core.Event) -> None:
    AmendmentEvent.objects.create(
        request=row, seq=seq, kind=event.kind, at=event.at, by=event.by, data=event.data
    )


def queue() -> list[Procedure]:
    """Open requests, the one whose decision is due first at the top."""
    open_rows = AmendmentRequest.objects.filter(state__in=["received", "in_review"])
    procedures = [_replay(row) for row in open_rows]
    return sorted(procedures, key=lambda p: p.clocks()["decision_due"] or dt.date.max)


def all_requests() -> list[Procedure]:
    return [_replay(row) for row in AmendmentRequest.objects.all()]
