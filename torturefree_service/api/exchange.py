"""The exchange's case work under /api/v1/exchange/: incoming notices, consultations and
information requests with their deadlines, the officer's answers, and a consultation sent from
a case. Errors keep the API's shape and stable codes (e.g. `conflict` when already answered)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router
from ninja.responses import Status

from torturefree_service.api.common import person
from torturefree_service.api.schemas import Body
from torturefree_service.api.serialize import denial_out
from torturefree_service.cases.decisions import grant_blocks
from torturefree_service.cases.models import Case
from torturefree_service.denials.models import Denial, DenialMatch
from torturefree_service.errors import NotFound
from torturefree_service.exchange import answers, worklist
from torturefree_service.exchange.casemodels import (
    ConsultationReceived,
    InformationRequest,
    PreExportNoticeReceived,
    PreExportNoticeSent,
)
from torturefree_service.exchange.casework import consultation_request
from torturefree_service.exchange.withdrawal import denial_withdraw
from torturefree_service.organisations.access import CASEWORK, READERS, require_role
from torturefree_service.organisations.models import Person

router = Router(tags=["exchange"])


class ReasonIn(Body):
    text: str = Field(min_length=1, max_length=4000)
    citation: str | None = Field(default=None, max_length=500)


class NoticeAnswerIn(Body):
    decision: Literal["no_objection", "objection", "information_requested"]
    reasons: list[ReasonIn] = Field(default_factory=list, max_length=100)


class ConsultationAnswerIn(Body):
    maintains_denial: bool
    comments: str = Field(min_length=1, max_length=4000)


class AnswersIn(Body):
    answers: list[str] = Field(min_length=1, max_length=100)


class AskIn(Body):
    to: str = Field(min_length=2, max_length=2)
    subject: Literal["end_use_verification", "import_information", "other"]
    questions: list[str] = Field(min_length=1, max_length=100)


class ConsultIn(Body):
    reply_by: dt.date | None = None


class ReasonOnlyIn(Body):
    reason: str = Field(min_length=1, max_length=4000)


def _worker(request: HttpRequest) -> Person:
    """The caller, if a caseworker or senior officer (checked before any look-up: no 404 leaks)."""
    who = person(request)
    require_role(who, *CASEWORK)
    return who


def _get(model: Any, pk: int, what: str) -> Any:
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound(f"no such {what}", field="id")
    return found


@router.get("/exchange/notices")
def list_notices(request: HttpRequest, open: bool = False) -> dict[str, Any]:
    require_role(person(request), *READERS)
    today = dt.date.today()
    rows = worklist.notices(open_only=open)
    return {"count": rows.count(), "items": [worklist.notice_out(n, today) for n in rows[:500]]}


@router.get("/exchange/notices/{notice_id}")
def get_notice(request: HttpRequest, notice_id: int) -> dict[str, Any]:
    require_role(person(request), *READERS)
    return worklist.notice_out(_get(PreExportNoticeReceived, notice_id, "notice"), dt.date.today())


@router.post("/exchange/notices/{notice_id}/reply")
def reply_notice(request: HttpRequest, notice_id: int, body: NoticeAnswerIn) -> dict[str, Any]:
    who = _worker(request)
    notice = answers.notice_answer(
        by=who,
        notice=_get(PreExportNoticeReceived, notice_id, "notice"),
        decision=body.decision,
        reasons=[r.model_dump(exclude_none=True) for r in body.reasons],
    )
    return worklist.notice_out(notice, dt.date.today())


@router.get("/exchange/objections")
def list_objections(request: HttpRequest, open: bool = True) -> dict[str, Any]:
    """Our pre-export notices an importing state objected to (open: shipments still held)."""
    require_role(person(request), *READERS)
    today = dt.date.today()
    rows = worklist.objections(open_only=open)
    return {"count": rows.count(), "items": [worklist.objection_out(n, today) for n in rows[:500]]}


@router.get("/exchange/consultations")
def list_consultations(request: HttpRequest, open: bool = False) -> dict[str, Any]:
    require_role(person(request), *READERS)
    today = dt.date.today()
    rows = worklist.consultations(open_only=open)
    return {
        "count": rows.count(),
        "items": [worklist.consultation_out(c, today) for c in rows[:500]],
    }


@router.post("/exchange/consultations/{consultation_id}/reply")
def reply_consultation(
    request: HttpRequest, consultation_id: int, body: ConsultationAnswerIn
) -> dict[str, Any]:
    who = _worker(request)
    answered = answers.consultation_answer(
        by=who,
        consultation=_get(ConsultationReceived, consultation_id, "consultation"),
        maintains_denial=body.maintains_denial,
        comments=body.comments,
    )
    return worklist.consultation_out(answered, dt.date.today())


@router.get("/exchange/information")
def list_information(request: HttpRequest, open: bool = False) -> dict[str, Any]:
    require_role(person(request), *READERS)
    rows = worklist.information(open_only=open)
    return {"count": rows.count(), "items": [worklist.information_out(i) for i in rows[:500]]}


@router.post("/exchange/information", response={201: dict})
def ask(request: HttpRequest, body: AskIn) -> Status[dict[str, Any]]:
    asked = answers.information_ask(
        by=person(request), to=body.to, subject=body.subject, questions=body.questions
    )
    return Status(201, worklist.information_out(asked))


@router.post("/exchange/information/{request_id}/reply")
def reply_information(request: HttpRequest, request_id: int, body: AnswersIn) -> dict[str, Any]:
    who = _worker(request)
    answered = answers.information_answer(
        by=who,
        request=_get(InformationRequest, request_id, "information request"),
        answers=body.answers,
    )
    return worklist.information_out(answered)


@router.get("/cases/{case_id}/exchange")
def case_exchange(request: HttpRequest, case_id: int) -> dict[str, Any]:
    require_role(person(request), *READERS)
    case = _get(Case, case_id, "case")
    return {**worklist.case_exchange(case), "blocks": grant_blocks(case)}


@router.post("/cases/{case_id}/consultations/{match_id}/request", response={201: dict})
def consult_through_exchange(
    request: HttpRequest, case_id: int, match_id: int, body: ConsultIn
) -> Status[dict[str, Any]]:
    who = _worker(request)
    case = _get(Case, case_id, "case")
    match = DenialMatch.objects.filter(pk=match_id, application=case.application).first()
    if match is None:
        raise NotFound("no such denial match on this case", field="match_id")
    sent = consultation_request(by=who, match=match, reply_by=body.reply_by)
    return Status(
        201,
        {
            "message_id": str(sent.message_id),
            "to_state": sent.to_state,
            "reply_by": sent.reply_by.isoformat(),
            "blocks": grant_blocks(case),
        },
    )


@router.post("/denials/{denial_id}/withdraw")
def withdraw_denial(request: HttpRequest, denial_id: int, body: ReasonOnlyIn) -> dict[str, Any]:
    """Withdraw our denial; every state its notice went to gets a denial_withdrawal."""
    who = _worker(request)
    denial = _get(Denial, denial_id, "denial")
    sent = denial_withdraw(by=who, denial=denial, reason=body.reason)
    denial.refresh_from_db()
    return {**denial_out(denial), "messages": sent}


@router.post("/exchange/sent-notices/{notice_id}/lift-hold")
def lift_hold(request: HttpRequest, notice_id: int, body: ReasonOnlyIn) -> dict[str, Any]:
    who = _worker(request)
    notice = _get(PreExportNoticeSent, notice_id, "pre-export notice")
    answers.notice_hold_lift(by=who, notice=notice, reason=body.reason)
    return worklist.sent_notice_out(notice, dt.date.today())
