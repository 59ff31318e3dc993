"""Case work: open, assign, notes, questions (stop the clock), advice, return, withdraw."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from torturefree_service.applications.models import Application, CheckRun
from torturefree_service.audit.services import audit_record
from torturefree_service.cases.models import (
    Advice,
    Case,
    CaseStatus,
    Note,
    Question,
    Recommendation,
    RefusalReason,
)
from torturefree_service.cases.sla import add_working_days, working_days_between
from torturefree_service.cases.states import CASE
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.organisations.access import (
    CASEWORK,
    require_role,
    require_same_organisation,
)
from torturefree_service.organisations.models import Person, Role
from torturefree_service.workflow.services import workflow_transition


def _subject(case: Case) -> str:
    return f"case/{case.reference}"


def flags_of(run: CheckRun) -> list[str]:
    flags = sorted({b["code"] for b in run.blocks})
    if any(r.get("matches") for r in run.screening):
        flags.append("screening_hit")
    if run.risk.get("findings"):
        flags.append("risk_findings")
    return flags


def case_open(
    *, application: Application, run: CheckRun, actor: str, today: dt.date | None = None
) -> Case:
    today = today or dt.date.today()
    case = Case.objects.create(
        application=application,
        reference=application.reference,
        opened_on=today,
        sla_due=add_working_days(today, settings.TORTUREFREE_SLA_WORKING_DAYS),
        flags=flags_of(run),
        application_type=application.type,
        destination=application.destination,
        organisation_id_copy=application.organisation_id,
    )
    audit_record(
        verb="case.open",
        subject=_subject(case),
        actor=actor,
        payload={"sla_due": case.sla_due.isoformat(), "flags": case.flags},
        to_state=case.status,
    )
    return case


@transaction.atomic
def case_assign(*, by: Person, case: Case, assignee: Person) -> Case:
    require_role(by, *CASEWORK)
    if assignee.role not in CASEWORK:
        raise Invalid("cases are assigned to caseworkers or senior officers", field="assignee")
    case.assigned_to = assignee
    if case.status == CaseStatus.NEW:
        workflow_transition(
            obj=case,
            machine=CASE,
            action="assign",
            actor=by.actor,
            subject=_subject(case),
            payload={"assignee": assignee.actor},
            extra_fields=("assigned_to",),
        )
    elif case.status == CaseStatus.CLOSED:
        raise Conflict("the case is closed", field="status")
    else:
        case.save(update_fields=["assigned_to"])
        audit_record(
            verb="case.assign",
            subject=_subject(case),
            actor=by.actor,
            payload={"assignee": assignee.actor},
        )
    return case


def case_note(*, by: Person, case: Case, text: str, visible_to_applicant: bool = False) -> Note:
    require_role(by, *CASEWORK)
    if not text.strip():
        raise Invalid("the note is empty", field="text")
    note = Note.objects.create(
        case=case, author=by, text=text.strip(), visible_to_applicant=visible_to_applicant
    )
    audit_record(
        verb="case.note",
        subject=_subject(case),
        actor=by.actor,
        payload={"note": note.pk, "visible_to_applicant": visible_to_applicant},
    )
    return note


@transaction.atomic
def case_ask(*, by: Person, case: Case, text: str, today: dt.date | None = None) -> Question:
    """A question to the applicant stops the SLA clock until it is answered."""
    require_role(by, *CASEWORK)
    if not text.strip():
        raise Invalid("the question is empty", field="text")
    workflow_transition(
        obj=case,
        machine=CASE,
        action="ask",
        actor=by.actor,
        subject=_subject(case),
        payload={"question": text.strip()},
    )
    return Question.objects.create(
        case=case, asked_by=by, text=text.strip(), asked_on=today or dt.date.today()
    )


@transaction.atomic
def case_answer(
    *, by: Person, question: Question, answer: str, today: dt.date | None = None
) -> Question:
    require_role(by, Role.TRADER)
    case = question.case
    require_same_organisation(by, case.application.organisation_id)
    if question.answered_on is not None:
        raise Conflict("this question is answered", field="answer")
    if not answer.strip():
        raise Invalid("the answer is empty", field="answer")
    today = today or dt.date.today()
    stopped = working_days_between(question.asked_on, today)
    question.answer, question.answered_by, question.answered_on = answer.strip(), by, today
    question.save()
    case.stopped_days += stopped
    case.sla_due = add_working_days(case.sla_due, stopped)
    workflow_transition(
        obj=case,
        machine=CASE,
        action="answer",
        actor=by.actor,
        subject=_subject(case),
        payload={"stopped_working_days": stopped},
        extra_fields=("stopped_days", "sla_due"),
    )
    return question


def _reasons(reasons: list[str], field: str) -> list[str]:
    known = {r.value for r in RefusalReason}
    for reason in reasons:
        if reason not in known:
            raise Invalid(
                f"unknown reason '{reason}' (known: {', '.join(sorted(known))})", field=field
            )
    return list(dict.fromkeys(reasons))


@transaction.atomic
def case_advise(
    *, by: Person, case: Case, recommendation: str, reasons: list[str], text: str = ""
) -> Advice:
    """A caseworker's (or senior officer's) advice; a refusal names its grounds."""
    require_role(by, *CASEWORK)
    if recommendation not in {r.value for r in Recommendation}:
        raise Invalid("must be grant or refuse", field="recommendation")
    reasons = _reasons(reasons, "reasons")
    if recommendation == Recommendation.REFUSE and not reasons:
        raise Invalid("a refusal names at least one reason", field="reasons")
    if recommendation == Recommendation.GRANT:
        _refuse_grant_of_prohibited(case)
    workflow_transition(
        obj=case,
        machine=CASE,
        action="advise",
        actor=by.actor,
        subject=_subject(case),
        payload={"recommendation": recommendation, "reasons": reasons},
    )
    return Advice.objects.create(
        case=case, author=by, recommendation=recommendation, reasons=reasons, text=text
    )


def _refuse_grant_of_prohibited(case: Case) -> None:
    """Grant advice the decision step would refuse anyway (#20): a prohibited line."""
    from torturefree_service.cases.decisions import grant_blocks

    prohibited = [b["message"] for b in grant_blocks(case) if b["code"] == "prohibited"]
    if prohibited:
        raise Conflict(
            "; ".join(prohibited) + ": a grant would be refused, advise refusal",
            field="recommendation",
            code="blocked_prohibited",
        )


@transaction.atomic
def case_return(*, by: Person, case: Case, text: str) -> Case:
    """A senior officer sends advice back for more work."""
    require_role(by, Role.SENIOR_OFFICER)
    workflow_transition(
        obj=case,
        machine=CASE,
        action="return",
        actor=by.actor,
        subject=_subject(case),
        payload={"why": text},
    )
    return case


def case_withdraw(*, case: Case, actor: str) -> None:
    workflow_transition(
        obj=case, machine=CASE, action="withdraw", actor=actor, subject=_subject(case)
    )


def elapsed_working_days(case: Case, today: dt.date | None = None) -> int:
    """SLA clock: working days since opening, minus days stopped by questions (open ones too)."""
    today = today or dt.date.today()
    end = case.closed_at.date() if case.closed_at else today
    open_stop = sum(
        working_days_between(q.asked_on, end) for q in case.questions.all() if q.answered_on is None
    )
    return max(0, working_days_between(case.opened_on, end) - case.stopped_days - open_stop)


def case_summary_payload(case: Case) -> dict[str, Any]:
    return {"reference": case.reference, "status": case.status, "flags": case.flags}
