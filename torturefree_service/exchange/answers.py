"""An officer answers what came in (a notice, a consultation, a request) or asks a peer.

Each answer is recorded and its reply message queued in one transaction (outbox): the answer
and the message to the peer commit together or not at all. Replies carry `in_reply_to` and the
`conversation` of the message they answer (contract).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from torturefree_service.audit.services import audit_record
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.exchange import bodies
from torturefree_service.exchange.casemodels import (
    ConsultationReceived,
    InformationRequest,
    NoticeReply,
    PreExportNoticeReceived,
    PreExportNoticeSent,
)
from torturefree_service.exchange.identity import identity
from torturefree_service.exchange.models import InboxMessage, OutboxMessage
from torturefree_service.exchange.outbox import outbox_send
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person

DECISIONS = (NoticeReply.NO_OBJECTION, NoticeReply.OBJECTION, NoticeReply.INFORMATION_REQUESTED)
SUBJECTS = ("end_use_verification", "import_information", "other")


def _reply(
    *, to: InboxMessage, type: str, body: dict[str, Any], subject: tuple[str, str], by: Person
) -> OutboxMessage:
    return outbox_send(
        type=type,
        to=to.sender,
        body=body,
        subject=subject,
        conversation=str(to.conversation),
        in_reply_to=str(to.id),
        actor=by.actor,
    )


def _texts(items: list[Any], field: str, *, cited: bool = False) -> list[dict[str, str]]:
    found = []
    for index, item in enumerate(items):
        text = str(item.get("text") if isinstance(item, dict) else item or "").strip()
        if not text:
            raise Invalid("a text is required", field=f"{field}[{index}].text")
        entry = {"text": text[:4000]}
        citation = item.get("citation") if cited and isinstance(item, dict) else None
        if citation:
            entry["citation"] = str(citation)[:500]
        found.append(entry)
    return found


def _contact() -> dict[str, Any]:
    me = identity()
    if me is None:
        raise Conflict("this node has not joined the exchange", field="exchange")
    found = bodies.contact(me)
    if "email" not in found:
        raise Conflict(
            "this node's exchange contact has no email address, which every answer carries: "
            "set it (torturefree exchange init --email)",
            field="contact",
        )
    return found


@transaction.atomic
def notice_answer(
    *, by: Person, notice: PreExportNoticeReceived, decision: str, reasons: list[Any]
) -> PreExportNoticeReceived:
    """Our answer to another state's pre-export notice (seed ¶95, ¶102)."""
    require_role(by, *CASEWORK)
    if decision not in DECISIONS:
        raise Invalid(f"must be one of {', '.join(DECISIONS)}", field="decision")
    given = _texts(reasons, "reasons", cited=True)
    if decision == NoticeReply.OBJECTION and not given:
        raise Invalid("an objection gives at least one reason", field="reasons")
    notice = PreExportNoticeReceived.objects.select_for_update().get(pk=notice.pk)
    if notice.reply in (NoticeReply.NO_OBJECTION, NoticeReply.OBJECTION):
        raise Conflict(f"this notice was answered: {notice.reply}", field="decision")
    body: dict[str, Any] = {"decision": decision, "reasons": given, "contact": _contact()}
    _reply(
        to=InboxMessage.objects.get(pk=notice.message_id),
        type="pre_export_reply",
        body=body,
        subject=("notice", str(notice.pk)),
        by=by,
    )
    notice.reply, notice.reply_reasons = decision, given
    notice.replied_by, notice.replied_at = by, timezone.now()
    notice.save(update_fields=["reply", "reply_reasons", "replied_by", "replied_at"])
    return notice


@transaction.atomic
def consultation_answer(
    *, by: Person, consultation: ConsultationReceived, maintains_denial: bool, comments: str
) -> ConsultationReceived:
    """Art. 23(2): we, the denying state, say whether our denial stands for this transaction."""
    require_role(by, *CASEWORK)
    if not comments.strip():
        raise Invalid("give your comments", field="comments")
    consultation = ConsultationReceived.objects.select_for_update().get(pk=consultation.pk)
    if consultation.replied_at is not None:
        raise Conflict("this consultation was answered", field="maintains_denial")
    denial = consultation.denial
    _reply(
        to=InboxMessage.objects.get(pk=consultation.message_id),
        type="consultation_reply",
        body={
            "denial_reference": denial.reference,
            "comments": comments.strip()[:4000],
            "maintains_denial": bool(maintains_denial),
            "contact": _contact(),
        },
        subject=("denial", f"{denial.issuing_state}/{denial.reference}"),
        by=by,
    )
    consultation.maintains_denial, consultation.comments = bool(maintains_denial), comments
    consultation.replied_by, consultation.replied_at = by, timezone.now()
    consultation.save(update_fields=["maintains_denial", "comments", "replied_by", "replied_at"])
    return consultation


@transaction.atomic
def information_answer(
    *, by: Person, request: InformationRequest, answers: list[Any]
) -> InformationRequest:
    """¶95/¶105: our answers to a peer's questions."""
    require_role(by, *CASEWORK)
    given = _texts(answers, "answers")
    if not given:
        raise Invalid("at least one answer", field="answers")
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if request.direction != "incoming" or request.answered_at is not None:
        raise Conflict("only an unanswered request from a peer is answered", field="answers")
    _reply(
        to=InboxMessage.objects.get(pk=request.message_id),
        type="information_reply",
        body={"subject": request.subject, "answers": given, "contact": _contact()},
        subject=("information", str(request.pk)),
        by=by,
    )
    request.answers, request.answered_by, request.answered_at = given, by, timezone.now()
    request.save(update_fields=["answers", "answered_by", "answered_at"])
    return request


@transaction.atomic
def information_ask(
    *,
    by: Person,
    to: str,
    subject: str,
    questions: list[Any],
    about: tuple[str, str] = ("", ""),
) -> InformationRequest:
    """We ask a peer (e.g. the importing state to verify an end use, ¶105)."""
    require_role(by, *CASEWORK)
    if subject not in SUBJECTS:
        raise Invalid(f"must be one of {', '.join(SUBJECTS)}", field="subject")
    asked = _texts(questions, "questions")
    if not asked:
        raise Invalid("at least one question", field="questions")
    message = outbox_send(
        type="information_request",
        to=to.upper(),
        body={"subject": subject, "questions": asked, "contact": _contact()},
        subject=about if about[0] else ("information", to.upper()),
        actor=by.actor,
    )
    return InformationRequest.objects.create(
        direction="outgoing",
        message_id=message.id,
        peer=to.upper(),
        subject=subject,
        questions=asked,
        about_kind=about[0],
        about_ref=about[1],
    )


@transaction.atomic
def notice_hold_lift(*, by: Person, notice: PreExportNoticeSent, reason: str) -> None:
    """After reviewing an objection, an officer lets the licence's shipments go, with reasons."""
    require_role(by, *CASEWORK)
    if not reason.strip():
        raise Invalid("give the reason", field="reason")
    if notice.hold_lifted_by_id is not None:
        raise Conflict("the hold was lifted", field="reason")
    notice.hold_lifted_by, notice.hold_lifted_reason = by, reason.strip()
    notice.save(update_fields=["hold_lifted_by", "hold_lifted_reason"])
    audit_record(
        verb="exchange.hold_lifted",
        subject=f"licence/{notice.licence.number}",
        actor=by.actor,
        payload={"to": notice.to_state, "reply": notice.reply, "reason": reason.strip()},
    )
