"""Case reads: the queue with filters and SLA, and one case with everything an officer needs."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from torturefree_service.applications.models import GoodsLine
from torturefree_service.audit.models import AuditEvent
from torturefree_service.cases.models import Case, CaseStatus, Question
from torturefree_service.cases.states import OPEN
from torturefree_service.errors import Forbidden, NotFound
from torturefree_service.organisations.access import READERS, trader_organisation
from torturefree_service.organisations.models import Person, Role


def case_queue(
    *,
    person: Person,
    status: list[str] | None = None,
    assigned: str | None = None,
    application_type: list[str] | None = None,
    destination: list[str] | None = None,
    flag: str | None = None,
    exclude_flag: str | None = None,
    overdue_on: dt.date | None = None,
) -> QuerySet[Case]:
    """Open cases by SLA due date; `assigned` is 'me', 'unassigned' or 'any'."""
    if person.role not in READERS:
        raise Forbidden(f"role '{person.role}' has no case queue")
    cases = Case.objects.select_related("assigned_to__user").order_by("sla_due", "id")
    cases = cases.filter(status__in=status or list(OPEN))
    if assigned == "me":
        cases = cases.filter(assigned_to=person)
    elif assigned == "unassigned":
        cases = cases.filter(assigned_to__isnull=True)
    if application_type:
        cases = cases.filter(application_type__in=application_type)
    if destination:
        cases = cases.filter(destination__in=[d.upper() for d in destination])
    if flag:
        cases = (
            cases.filter(flags__contains=[flag])
            if _json_contains()
            else cases.filter(flags__icontains=f'"{flag}"')
        )
    if exclude_flag:
        cases = cases.exclude(Q(flags__icontains=f'"{exclude_flag}"'))
    if overdue_on is not None:
        cases = cases.filter(sla_due__lt=overdue_on)
    return cases


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def case_get(*, person: Person, case_id: int) -> Case:
    case = (
        Case.objects.select_related("application__organisation", "assigned_to__user")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("no such case", field="id")
    if person.role == Role.TRADER:
        if case.application.organisation_id != person.organisation_id:
            raise NotFound("no such case", field="id")
    elif person.role not in READERS:
        raise Forbidden(f"role '{person.role}' cannot read cases")
    return case


def question_get(*, person: Person, question_id: int) -> Question:
    question = Question.objects.select_related("case__application").filter(pk=question_id).first()
    if question is None or (
        person.role == Role.TRADER
        and question.case.application.organisation_id != person.organisation_id
    ):
        raise NotFound("no such question", field="id")
    return question


def open_statuses() -> list[str]:
    return [s.value for s in CaseStatus if s != CaseStatus.CLOSED]


def questions_open(*, person: Person) -> QuerySet[Question]:
    """Unanswered questions to the trader's organisation (the badge stays until answered)."""
    return Question.objects.filter(
        answered_on__isnull=True,
        case__application__organisation_id=trader_organisation(person),
    ).select_related("case__application")


def case_trail(*, person: Person, case: Case) -> QuerySet[AuditEvent]:
    """The audit trail of a case: events on the case, its application and its licence."""
    if person.role not in READERS:
        raise Forbidden(f"role '{person.role}' cannot read the audit trail")
    subjects = [f"case/{case.reference}", f"application/{case.application.reference}"]
    licence = getattr(case.application, "licence", None)
    if licence is not None:
        subjects.append(f"licence/{licence.number}")
    return AuditEvent.objects.filter(subject__in=subjects).order_by("id")


def rating_precedents(*, person: Person, line: GoodsLine, limit: int = 5) -> list[GoodsLine]:
    """Earlier officers' ratings of similar goods, so ratings stay consistent (LITE §2.3)."""
    if person.role not in READERS:
        raise Forbidden(f"role '{person.role}' cannot search precedents")
    rated = (
        GoodsLine.objects.filter(rating__isnull=False)
        .exclude(application_id=line.application_id)
        .select_related("application")
        .order_by("-id")
    )
    words = [w for w in line.description.split() if len(w) > 3][:3]
    query = Q(cn_code=line.cn_code) if line.cn_code else Q(pk__in=[])
    for word in words:
        query |= Q(description__icontains=word)
    return list(rated.filter(query)[:limit])
