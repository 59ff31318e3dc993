"""Case work for caseworkers and senior officers; auditors read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from torturefree_service.api.common import page_bounds, person
from torturefree_service.api.schemas import (
    AdviceIn,
    AssignIn,
    ConsultationIn,
    DecisionIn,
    DispositionIn,
    NoteIn,
    RatingIn,
    RescreenIn,
    TextIn,
)
from torturefree_service.api.serialize import case_detail, case_out
from torturefree_service.cases import decisions, services
from torturefree_service.cases.selectors import case_get, case_queue
from torturefree_service.checks.dispositions import disposition_record
from torturefree_service.checks.rescreening import cases_rescreen
from torturefree_service.denials.models import DenialMatch
from torturefree_service.denials.services import consultation_record
from torturefree_service.errors import NotFound
from torturefree_service.organisations.access import CASEWORK, READERS, require_role
from torturefree_service.organisations.models import Person, Role

router = Router(tags=["cases"])


def _staff_case(request: HttpRequest, case_id: int, *roles: Role) -> tuple[Person, Any]:
    who = person(request)
    require_role(who, *(roles or READERS))
    return who, case_get(person=who, case_id=case_id)


@router.get("/cases")
def queue(
    request: HttpRequest,
    status: Query[list[str] | None] = None,
    assigned: str | None = None,
    type: Query[list[str] | None] = None,
    destination: Query[list[str] | None] = None,
    flag: str | None = None,
    exclude_flag: str | None = None,
    overdue: bool = False,
    page: int = 1,
    page_size: int = 50,
) -> dict[str, Any]:
    """Open cases by SLA due date (working days, Mon-Fri), with filters."""
    who = person(request)
    today = dt.date.today()
    rows = case_queue(
        person=who,
        status=status,
        assigned=assigned,
        application_type=type,
        destination=destination,
        flag=flag,
        exclude_flag=exclude_flag,
        overdue_on=today if overdue else None,
    )
    page, start, end = page_bounds(page, page_size, 200)
    items = list(rows[start:end])
    return {"count": rows.count(), "page": page, "items": [case_out(c, today) for c in items]}


@router.get("/cases/{case_id}")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    who = person(request)
    require_role(who, *READERS, Role.TRADER)
    case = case_get(person=who, case_id=case_id)
    return case_detail(case, staff=who.role != Role.TRADER)


@router.post("/cases/{case_id}/assign")
def assign(request: HttpRequest, case_id: int, body: AssignIn) -> dict[str, Any]:
    who, case = _staff_case(request, case_id, *CASEWORK)
    assignee = Person.objects.filter(user__username=body.assignee).first()
    if assignee is None:
        raise NotFound("no such user", field="assignee")
    return case_out(services.case_assign(by=who, case=case, assignee=assignee))


@router.post("/cases/{case_id}/notes", response={201: dict})
def add_note(request: HttpRequest, case_id: int, body: NoteIn) -> Status[dict[str, Any]]:
    who, case = _staff_case(request, case_id, *CASEWORK)
    note = services.case_note(
        by=who, case=case, text=body.text, visible_to_applicant=body.visible_to_applicant
    )
    return Status(201, {"id": note.pk})


@router.post("/cases/{case_id}/questions", response={201: dict})
def ask(request: HttpRequest, case_id: int, body: TextIn) -> Status[dict[str, Any]]:
    who, case = _staff_case(request, case_id, *CASEWORK)
    question = services.case_ask(by=who, case=case, text=body.text)
    return Status(201, {"id": question.pk, "case_status": case.status})


@router.post("/cases/{case_id}/advice", response={201: dict})
def advise(request: HttpRequest, case_id: int, body: AdviceIn) -> Status[dict[str, Any]]:
    who, case = _staff_case(request, case_id, *CASEWORK)
    advice = services.case_advise(
        by=who,
        case=case,
        recommendation=body.recommendation,
        reasons=list(body.reasons),
        text=body.text,
    )
    return Status(201, {"id": advice.pk, "case_status": case.status})


@router.post("/cases/{case_id}/return")
def send_back(request: HttpRequest, case_id: int, body: TextIn) -> dict[str, Any]:
    who, case = _staff_case(request, case_id, Role.SENIOR_OFFICER)
    return case_out(services.case_return(by=who, case=case, text=body.text))


@router.post("/cases/{case_id}/decision", response={201: dict})
def decide(request: HttpRequest, case_id: int, body: DecisionIn) -> Status[dict[str, Any]]:
    who, case = _staff_case(request, case_id, Role.SENIOR_OFFICER)
    decision = decisions.case_decide(
        by=who,
        case=case,
        outcome=body.outcome,
        reasons=list(body.reasons),
        text=body.text,
        conditions=body.conditions,
        validity_months=body.validity_months,
        sensitive=body.sensitive,
    )
    application = case.application
    application.refresh_from_db()
    out: dict[str, Any] = {
        "id": decision.pk,
        "outcome": decision.outcome,
        "application_status": application.status,
    }
    if hasattr(application, "licence"):
        out["licence_id"] = application.licence.pk
        out["licence_number"] = application.licence.number
    denial = application.denials.order_by("-id").first()
    if denial is not None:
        out["denial_id"] = denial.pk
        out["notify_by"] = denial.notify_by.isoformat() if denial.notify_by else None
    return Status(201, out)


@router.post("/cases/{case_id}/lines/{line_no}/rating")
def rate_line(request: HttpRequest, case_id: int, line_no: int, body: RatingIn) -> dict[str, Any]:
    who, case = _staff_case(request, case_id, *CASEWORK)
    line = case.application.lines.filter(line_no=line_no).first()
    if line is None:
        raise NotFound("no such line", field="line_no")
    line = decisions.line_rate(by=who, line=line, entry_id=body.entry_id, note=body.note)
    return {"line_no": line.line_no, "rating": line.rating, "blocks": decisions.grant_blocks(case)}


@router.post("/cases/{case_id}/consultations/{match_id}", response={201: dict})
def consult(
    request: HttpRequest, case_id: int, match_id: int, body: ConsultationIn
) -> Status[dict[str, Any]]:
    who, case = _staff_case(request, case_id, *CASEWORK)
    match = DenialMatch.objects.filter(pk=match_id, application=case.application).first()
    if match is None:
        raise NotFound("no such denial match on this case", field="match_id")
    consultation = consultation_record(by=who, match=match, answer=body.answer, notes=body.notes)
    return Status(201, {"id": consultation.pk, "blocks": decisions.grant_blocks(case)})


@router.post("/cases/{case_id}/dispositions", response={201: dict})
def dispose(request: HttpRequest, case_id: int, body: DispositionIn) -> Status[dict[str, Any]]:
    who, case = _staff_case(request, case_id, *CASEWORK)
    result = disposition_record(
        by=who,
        case=case,
        party_id=body.party_id,
        watchlist=body.watchlist,
        entity_id=body.entity_id,
        status=body.status,
        reason=body.reason,
        expires_at=body.expires_at,
    )
    return Status(201, result)


@router.post("/rescreenings")
def rescreen_open_cases(request: HttpRequest, body: RescreenIn) -> dict[str, Any]:
    """Re-screen open cases' and valid licences' parties and applicants on a new list version."""
    who = person(request)
    require_role(who, *CASEWORK)
    return cases_rescreen(
        by=who, watchlist=body.watchlist, old=body.from_version, new=body.to_version
    )
