"""What the exchange puts in front of an officer, as plain dicts for the pages and the API.

Incoming pre-export notices, consultations and information requests, each with its deadline
and whether it is overdue; and, on a case, the notices sent for its licence with the importing
state's answer and the consultations of matched denials with theirs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from torturefree_service.cases.models import Case
from torturefree_service.exchange.casemodels import (
    ConsultationReceived,
    InformationRequest,
    NoticeReply,
    PreExportNoticeReceived,
    PreExportNoticeSent,
)
from torturefree_service.exchange.casework import consultation_state
from torturefree_service.exchange.holds import notice_hold
from torturefree_service.exchange.models import InboxMessage


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _due(reply_by: dt.date, answered: bool, today: dt.date) -> dict[str, Any]:
    return {
        "reply_by": reply_by.isoformat(),
        "days_left": (reply_by - today).days,
        "overdue": not answered and today > reply_by,
    }


def notices(*, open_only: bool = False) -> QuerySet[PreExportNoticeReceived]:
    found = PreExportNoticeReceived.objects.order_by("reply_by", "id")
    if open_only:
        found = found.filter(reply__in=[NoticeReply.AWAITING, NoticeReply.INFORMATION_REQUESTED])
    return found


def notice_out(notice: PreExportNoticeReceived, today: dt.date) -> dict[str, Any]:
    body = notice.body
    answered = notice.reply in (NoticeReply.NO_OBJECTION, NoticeReply.OBJECTION)
    return {
        "id": notice.pk,
        "message_id": str(notice.message_id),
        "from_state": notice.from_state,
        "licence_number": notice.licence_number,
        "if_no_reply": notice.if_no_reply,
        **_due(notice.reply_by, answered, today),
        "reply": notice.reply,
        "reasons": notice.reply_reasons,
        "replied_at": _iso(notice.replied_at),
        "exporter": body.get("exporter"),
        "consignee": body.get("consignee"),
        "end_user": body.get("end_user"),
        "end_use": body.get("end_use"),
        "goods": body.get("goods", []),
        "shipment": body.get("shipment"),
        "contact": body.get("contact"),
        "received_at": _iso(notice.received_at),
    }


def consultations(*, open_only: bool = False) -> QuerySet[ConsultationReceived]:
    found = ConsultationReceived.objects.select_related("denial").order_by("reply_by", "id")
    return found.filter(replied_at__isnull=True) if open_only else found


def consultation_out(item: ConsultationReceived, today: dt.date) -> dict[str, Any]:
    return {
        "id": item.pk,
        "message_id": str(item.message_id),
        "from_state": item.from_state,
        "denial": f"{item.denial.issuing_state}/{item.denial.reference}",
        "denial_id": item.denial_id,
        **_due(item.reply_by, item.replied_at is not None, today),
        "transaction": item.transaction,
        "maintains_denial": item.maintains_denial,
        "comments": item.comments,
        "replied_at": _iso(item.replied_at),
        "received_at": _iso(item.received_at),
        "grant_notices": grant_notices(item),
    }


def grant_notices(item: ConsultationReceived) -> list[dict[str, Any]]:
    """Art. 23(3): what the consulting state granted afterwards (its grant notice, same
    conversation), with its reasons."""
    found = InboxMessage.objects.filter(
        type="grant_notice", sender=item.from_state, conversation=item.message_id
    ).order_by("received_at")
    return [
        {
            "message_id": str(m.id),
            "licence": m.body.get("licence"),
            "reasons": m.body.get("reasons", []),
            "received_at": _iso(m.received_at),
        }
        for m in found
    ]


def information(*, open_only: bool = False) -> QuerySet[InformationRequest]:
    found = InformationRequest.objects.order_by("-created_at", "-id")
    if open_only:
        found = found.filter(answered_at__isnull=True)
    return found


def information_out(item: InformationRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "direction": item.direction,
        "message_id": str(item.message_id),
        "peer": item.peer,
        "subject": item.subject,
        "questions": item.questions,
        "answers": item.answers,
        "answered_at": _iso(item.answered_at),
        "about": "/".join(p for p in (item.about_kind, item.about_ref) if p),
        "created_at": _iso(item.created_at),
    }


def objections(*, open_only: bool = True) -> QuerySet[PreExportNoticeSent]:
    """Our notices an importing state objected to; open: the hold is not lifted yet."""
    found = PreExportNoticeSent.objects.select_related("licence__application__case").filter(
        reply=NoticeReply.OBJECTION
    )
    if open_only:
        found = found.filter(hold_lifted_by__isnull=True)
    return found.order_by("-replied_at", "-id")


def objection_out(notice: PreExportNoticeSent, today: dt.date) -> dict[str, Any]:
    case = notice.licence.application.case
    return {
        **sent_notice_out(notice, today),
        "licence_number": notice.licence.number,
        "case_id": case.pk,
        "case_reference": case.reference,
    }


def sent_notice_out(notice: PreExportNoticeSent, today: dt.date) -> dict[str, Any]:
    answered = notice.reply != NoticeReply.AWAITING
    return {
        "id": notice.pk,
        "to_state": notice.to_state,
        "message_id": str(notice.message_id),
        **_due(notice.reply_by, answered, today),
        "if_no_reply": notice.if_no_reply,
        "deadline_citation": notice.deadline_citation,
        "reply": notice.reply,
        "reasons": notice.reply_reasons,
        "replied_at": _iso(notice.replied_at),
        "hold": notice_hold(notice, today),
        "hold_lifted_reason": notice.hold_lifted_reason or None,
    }


def case_exchange(case: Case, today: dt.date | None = None) -> dict[str, Any]:
    """A case's exchange: notices sent for its licence, consultations of its matched denials."""
    today = today or dt.date.today()
    application = case.application
    sent = PreExportNoticeSent.objects.filter(licence__application=application).order_by("id")
    return {
        "pre_export_notices": [sent_notice_out(n, today) for n in sent],
        "consultations": [
            {
                "match_id": m.pk,
                "denial": f"{m.denial.issuing_state}/{m.denial.reference}",
                "denial_revoked": m.denial.revoked,
                **consultation_state(m, today),
            }
            for m in application.denial_matches.select_related("denial").order_by("id")
        ],
    }
