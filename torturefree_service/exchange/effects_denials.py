"""Incoming denials, withdrawals, consultations and grant notices (EU 2019/125 Art. 23).

A received `denial_notice` enters the same denial store the essentially-identical check reads
(denials.Denial, direction incoming), so an application submitted later is matched on submit,
and the open cases already waiting are matched here at once: their grant is blocked until the
denying state is consulted (cases.decisions.grant_blocks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from torturefree.exchange.envelope import SignedMessage
from torturefree_service.applications.models import Application, ApplicationStatus, PartyRole
from torturefree_service.applications.types import TYPES, ApplicationType
from torturefree_service.audit.services import audit_record
from torturefree_service.cases.models import CaseStatus
from torturefree_service.checks import engines
from torturefree_service.denials.models import Denial, DenialKind, DenialMatch, Direction
from torturefree_service.denials.selectors import essentially_identical, years_before
from torturefree_service.exchange.casemodels import ConsultationReceived, ConsultationSent
from torturefree_service.exchange.effects import day, replied_to
from torturefree_service.exchange.handlers import NotApplicable, Subject, handles

LOOKBACK = "eu-2019-125-denial-lookback"
CONSULT_FLAG = "denial_consultation"


def _name(party: Any) -> str:
    return str(party.get("name") or "")[:200] if isinstance(party, dict) else ""


@handles("denial_notice")
def denial_notice(message: SignedMessage) -> Subject:
    """Art. 23(1): another state's denial, kept as an incoming denial and matched at once."""
    envelope, body = message.envelope, message.envelope.body
    goods = list(body["goods"])
    end_user = body.get("end_user") or {}
    denial, created = Denial.objects.update_or_create(
        issuing_state=envelope.sender,
        reference=str(body["reference"])[:64],
        defaults={
            "direction": Direction.INCOMING,
            # The contract does not tell a dismissal from an annulment: both count (docs).
            "kind": DenialKind.DISMISSAL,
            "decided_on": day(body["denied_on"], "denied_on"),
            "activity": str(body["activity"])[:24],
            "destination": str(body["destination"]),
            "end_user_name": _name(end_user),
            "end_user_country": str(end_user.get("country") or "")[:2],
            "consignee_name": _name(body.get("consignee")),
            "goods_description": "; ".join(str(g["description"]) for g in goods)[:2000],
            "entries": sorted({str(g["entry"]) for g in goods if g.get("entry")}),
            "reason_codes": [str(c) for c in body["grounds"]],
            "reason_text": str(body.get("end_use") or "")[:2000],
            "revoked": False,
        },
    )
    matched = rematch_open_cases(denial)
    audit_record(
        verb="exchange.denial_received",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor=f"peer:{envelope.sender}",
        payload={"message": envelope.id, "created": created, "matched_cases": matched},
    )
    return ("denial", f"{denial.issuing_state}/{denial.reference}")


def _entries(application: Application) -> set[str]:
    run = application.checks.first()
    goods = run.determination.get("goods", []) if run else []
    return {e["id"] for g in goods for e in g.get("entries", [])}


def rematch_open_cases(denial: Denial, today: dt.date | None = None) -> list[str]:
    """Open cases for the same destination that this denial is essentially identical to."""
    today = today or dt.date.today()
    since = years_before(today, int(engines.parameter(LOOKBACK, today)))
    if denial.decided_on < since:
        return []
    open_ones = Application.objects.filter(
        status=ApplicationStatus.SUBMITTED, destination=denial.destination, case__isnull=False
    ).exclude(case__status=CaseStatus.CLOSED)
    matched = []
    for application in open_ones.select_related("case"):
        end_user = application.parties.filter(role=PartyRole.END_USER).first()
        found = essentially_identical(
            activity=TYPES[ApplicationType(application.type)].activity.value,
            destination=application.destination,
            entries=_entries(application),
            end_user_name=end_user.name if end_user else "",
            since=since,
        )
        for item in (f for f in found if f.denial.pk == denial.pk):
            DenialMatch.objects.update_or_create(
                application=application,
                denial=denial,
                defaults={"score": item.score, "reasons": item.reasons},
            )
            case = application.case
            if CONSULT_FLAG not in case.flags:
                case.flags = sorted({*case.flags, CONSULT_FLAG})
                case.save(update_fields=["flags"])
            matched.append(case.reference)
    return matched


@handles("denial_withdrawal")
def denial_withdrawal(message: SignedMessage) -> Subject:
    """The denying state withdrew it: it no longer counts in the essentially-identical check."""
    envelope, body = message.envelope, message.envelope.body
    reference = str(body["reference"])[:64]
    denial = Denial.objects.filter(
        direction=Direction.INCOMING, issuing_state=envelope.sender, reference=reference
    ).first()
    if denial is None:
        raise NotApplicable(
            f"no denial {reference} of {envelope.sender} is held here", field="body.reference"
        )
    denial.revoked = True
    denial.save(update_fields=["revoked"])
    audit_record(
        verb="exchange.denial_withdrawn",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor=f"peer:{envelope.sender}",
        payload={
            "message": envelope.id,
            "withdrawn_on": str(body["withdrawn_on"]),
            "reason": str(body["reason"])[:500],
        },
    )
    return ("denial", f"{denial.issuing_state}/{denial.reference}")


def _our_denial(reference: Any) -> Denial:
    denial = Denial.objects.filter(
        direction=Direction.OUTGOING,
        issuing_state=settings.TORTUREFREE_STATE,
        reference=str(reference)[:64],
    ).first()
    if denial is None:
        raise NotApplicable(f"this state has no denial {reference}", field="body.denial_reference")
    return denial


@handles("consultation_request")
def consultation_request(message: SignedMessage) -> Subject:
    """Art. 23(2): a state means to grant what we denied and asks us first; we answer by reply_by."""
    envelope, body = message.envelope, message.envelope.body
    denial = _our_denial(body["denial_reference"])
    ConsultationReceived.objects.create(
        message_id=envelope.id,
        from_state=envelope.sender,
        denial=denial,
        transaction=dict(body["transaction"]),
        reply_by=day(body["reply_by"], "reply_by"),
    )
    audit_record(
        verb="exchange.consulted",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor=f"peer:{envelope.sender}",
        payload={"message": envelope.id, "reply_by": str(body["reply_by"])},
    )
    return ("denial", f"{denial.issuing_state}/{denial.reference}")


@handles("consultation_reply")
def consultation_reply(message: SignedMessage) -> Subject:
    """The denying state's answer, shown on our case; the grant is no longer blocked by it."""
    envelope, body = message.envelope, message.envelope.body
    sent = (
        ConsultationSent.objects.select_related("match__application")
        .filter(message_id=replied_to(message), to_state=envelope.sender)
        .first()
    )
    if sent is None:
        raise NotApplicable(
            "no consultation of ours to this state has that id", field="envelope.in_reply_to"
        )
    sent.maintains_denial = bool(body["maintains_denial"])
    sent.comments = str(body["comments"])
    sent.replied_at = timezone.now()
    sent.save(update_fields=["maintains_denial", "comments", "replied_at"])
    reference = sent.match.application.reference
    audit_record(
        verb="exchange.consultation_reply",
        subject=f"case/{reference}",
        actor=f"peer:{envelope.sender}",
        payload={"message": envelope.id, "maintains_denial": sent.maintains_denial},
    )
    return ("case", reference)


@handles("grant_notice")
def grant_notice(message: SignedMessage) -> Subject:
    """Art. 23(3): a state granted despite our denial; shown with the denial and its reasons."""
    envelope, body = message.envelope, message.envelope.body
    denial = _our_denial(body["denial_reference"])
    audit_record(
        verb="exchange.grant_notice",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor=f"peer:{envelope.sender}",
        payload={"message": envelope.id, "licence": dict(body["licence"])},
    )
    return ("denial", f"{denial.issuing_state}/{denial.reference}")
