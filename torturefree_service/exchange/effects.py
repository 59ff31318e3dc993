"""What each incoming message does on this node (contract: shared/design/exchange.md).

Each handler runs inside the inbox's transaction that stores the verified message, so the
message and its effect commit together; the inbox's unique message id makes a repeat a no-op
(the same receipt, no second effect). A well-formed message that cannot apply here (a reply to
nothing we sent, a withdrawal of a denial we never had) raises `NotApplicable`: signed refusal,
nothing stored. Denials and consultations are in effects_denials.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from torturefree.exchange.envelope import SignedMessage
from torturefree_service.audit.services import audit_record
from torturefree_service.exchange.casemodels import (
    InformationRequest,
    NoticeReply,
    PreExportNoticeReceived,
    PreExportNoticeSent,
)
from torturefree_service.exchange.handlers import NotApplicable, Subject, handles

OBJECTION_FLAG = "pre_export_objection"


def day(value: Any, field: str) -> dt.date:
    """A schema-checked ISO date of a body (the schema already said it is one)."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise NotApplicable("not an ISO date", field=f"body.{field}") from None


def replied_to(message: SignedMessage) -> str:
    """The id a reply answers; a reply without one answers nothing."""
    answered = message.envelope.in_reply_to
    if not answered:
        raise NotApplicable("a reply names the message it answers", field="envelope.in_reply_to")
    return answered


@handles("pre_export_notice")
def pre_export_notice(message: SignedMessage) -> Subject:
    """Another state licensed goods to us: a notice on our officers' queue, due by reply_by."""
    envelope, body = message.envelope, message.envelope.body
    notice = PreExportNoticeReceived.objects.create(
        message_id=envelope.id,
        from_state=envelope.sender,
        licence_number=str(body["licence"]["number"])[:200],
        reply_by=day(body["reply_by"], "reply_by"),
        if_no_reply=str(body.get("if_no_reply") or "")[:8],
        body=dict(body),
    )
    return ("notice", str(notice.pk))


@handles("pre_export_reply")
def pre_export_reply(message: SignedMessage) -> Subject:
    """The importing state's answer to our notice; an objection holds the licence's shipments."""
    envelope, body = message.envelope, message.envelope.body
    notice = (
        PreExportNoticeSent.objects.select_related("licence__application__case")
        .filter(message_id=replied_to(message), to_state=envelope.sender)
        .first()
    )
    if notice is None:
        raise NotApplicable(
            "no pre-export notice of ours to this state has that id", field="envelope.in_reply_to"
        )
    notice.reply = str(body["decision"])
    notice.reply_reasons = list(body.get("reasons") or [])
    notice.replied_at = timezone.now()
    notice.save(update_fields=["reply", "reply_reasons", "replied_at"])
    licence = notice.licence
    if notice.reply == NoticeReply.OBJECTION:
        _flag_case(licence.application.case, OBJECTION_FLAG)
    audit_record(
        verb="exchange.notice_reply",
        subject=f"licence/{licence.number}",
        actor=f"peer:{envelope.sender}",
        payload={"decision": notice.reply, "message": envelope.id},
    )
    return ("licence", licence.number)


def _flag_case(case: Any, flag: str) -> None:
    """Put the case back in front of an officer: the flag shows on the queue and the case."""
    if flag not in case.flags:
        case.flags = sorted({*case.flags, flag})
        case.save(update_fields=["flags"])


@handles("information_request")
def information_request(message: SignedMessage) -> Subject:
    """¶95/¶105: a peer asks us; an officer answers (information_reply)."""
    envelope, body = message.envelope, message.envelope.body
    request = InformationRequest.objects.create(
        direction="incoming",
        message_id=envelope.id,
        peer=envelope.sender,
        subject=str(body["subject"]),
        questions=list(body["questions"]),
    )
    return ("information", str(request.pk))


@handles("information_reply")
def information_reply(message: SignedMessage) -> Subject:
    envelope, body = message.envelope, message.envelope.body
    request = InformationRequest.objects.filter(
        direction="outgoing", message_id=replied_to(message), peer=envelope.sender
    ).first()
    if request is None:
        raise NotApplicable(
            "no information request of ours to this state has that id",
            field="envelope.in_reply_to",
        )
    request.answers = list(body["answers"])
    request.answered_at = timezone.now()
    request.save(update_fields=["answers", "answered_at"])
    return ("information", str(request.pk))


def register() -> None:
    """Importing this module registers its handlers; the denial handlers live beside it, and
    notified.py marks our denial notified once every peer has receipted it."""
    from torturefree_service.exchange import effects_denials, notified  # noqa: F401
