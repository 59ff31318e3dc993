"""The exchange in the case work: what a grant, a denial and a consultation send to peers.

Each function runs inside the business transaction that calls it (case_decide, the officer's
consultation request), so the change and its messages commit together or not at all. A node
that has not joined the exchange, or a counterpart that is not a participant, sends nothing:
the case work goes on as it did before the exchange (PEN Online: "a participating country
sending to a non-participating country will not receive a reply through the system").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from torturefree.exchange.deadlines import pre_export_reply_deadline
from torturefree_service.checks import engines
from torturefree_service.denials.models import Denial, DenialMatch
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.exchange import bodies
from torturefree_service.exchange.casemodels import ConsultationSent, PreExportNoticeSent
from torturefree_service.exchange.identity import Identity, identity
from torturefree_service.exchange.outbox import outbox_send, peer, peers_accepting
from torturefree_service.exchange.receiver import controlled_goods
from torturefree_service.licences.models import Licence
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person

CONSULTATION_REPLY = "exchange-consultation-reply"


def _profile(me: Identity) -> str:
    return me.node.settings().profile or str(settings.TORTUREFREE_JURISDICTION)


def on_grant(*, licence: Licence, actor: str, today: dt.date) -> list[str]:
    """A pre-export notice to a participating destination; grant notices to denying states."""
    me = identity()
    if me is None:
        return []
    sent = _pre_export_notice(licence, me, actor, today)
    for match in licence.application.denial_matches.select_related("denial"):
        sent += _grant_notice(licence, match.denial, actor)
    return sent


def _pre_export_notice(licence: Licence, me: Identity, actor: str, today: dt.date) -> list[str]:
    """To a participating destination, the goods its own profile controls (none: no notice)."""
    receiver = peer(licence.destination, "pre_export_notice")
    if receiver is None:
        return []
    deadline = pre_export_reply_deadline(engines.catalogue().snapshot(today), _profile(me), today)
    body = bodies.pre_export_notice(licence, me, deadline.reply_by, deadline.if_no_reply)
    body["goods"] = controlled_goods(body["goods"], receiver.profile, licence.destination, today)
    if not body["goods"]:
        return []
    message = outbox_send(
        type="pre_export_notice",
        to=licence.destination,
        body=body,
        subject=("licence", licence.number),
        actor=actor,
    )
    PreExportNoticeSent.objects.create(
        licence=licence,
        to_state=licence.destination,
        message_id=message.id,
        reply_by=deadline.reply_by,
        if_no_reply=deadline.if_no_reply,
        deadline_citation=deadline.explain(),
    )
    return [str(message.id)]


def _grant_notice(licence: Licence, denial: Denial, actor: str) -> list[str]:
    """Art. 23(3): the denying state hears at once that we granted, and why."""
    if peer(denial.issuing_state, "grant_notice") is None:
        return []
    reasons = [n.reasons for n in licence.application.grant_notices.filter(denial=denial)]
    body = {
        "denial_reference": denial.reference,
        "licence": {"number": licence.number, "issued_on": licence.issued_on.isoformat()},
        "reasons": [{"text": r[:4000]} for r in reasons if r.strip()]
        or [{"text": "granted after consultation"}],
    }
    consulted = getattr(_consultation(denial, licence), "message_id", None)
    message = outbox_send(
        type="grant_notice",
        to=denial.issuing_state,
        body=body,
        subject=("licence", licence.number),
        conversation=str(consulted) if consulted else None,
        actor=actor,
    )
    return [str(message.id)]


def _consultation(denial: Denial, licence: Licence) -> ConsultationSent | None:
    return ConsultationSent.objects.filter(
        match__denial=denial, match__application=licence.application
    ).first()


def on_denial(*, denial: Denial, actor: str) -> list[str]:
    """Art. 23(1): our denial goes to every participant that takes denial notices."""
    me = identity()
    if me is None:
        return []
    body = bodies.denial_notice(denial, me)
    return [
        str(
            outbox_send(
                type="denial_notice",
                to=p.state,
                body=body,
                subject=("denial", f"{denial.issuing_state}/{denial.reference}"),
                actor=actor,
            ).id
        )
        for p in peers_accepting("denial_notice")
    ]


@transaction.atomic
def consultation_request(
    *, by: Person, match: DenialMatch, reply_by: dt.date | None = None
) -> ConsultationSent:
    """Art. 23(2): ask the state that denied before granting an essentially identical licence."""
    require_role(by, *CASEWORK)
    me = identity()
    denial = match.denial
    if me is None or peer(denial.issuing_state, "consultation_request") is None:
        raise Conflict(
            f"{denial.issuing_state} is not a participant of the exchange: consult it by other "
            "means and record its answer",
            field="match",
        )
    if hasattr(match, "consultation_sent"):
        raise Conflict("this consultation was already requested", field="match")
    application = match.application
    today = dt.date.today()
    due = reply_by or consultation_reply_by(today)
    if due <= today:
        raise Invalid("the reply date must be in the future", field="reply_by")
    found = bodies.parties(application)
    transaction: dict[str, Any] = {
        "activity": denial.activity,
        "destination": application.destination,
        "goods": bodies.goods(bodies._rated_lines(application), today, with_value=False),
        "end_use": str(application.end_use or "other"),
    }
    transaction.update({k: found[k] for k in ("exporter", "consignee", "end_user") if k in found})
    message = outbox_send(
        type="consultation_request",
        to=denial.issuing_state,
        body={
            "denial_reference": denial.reference,
            "transaction": transaction,
            "reply_by": due.isoformat(),
            "contact": bodies.contact(me),
        },
        subject=("case", application.reference),
        actor=by.actor,
    )
    return ConsultationSent.objects.create(
        match=match,
        to_state=denial.issuing_state,
        message_id=message.id,
        reply_by=due,
        requested_by=by,
    )


def consultation_reply_by(sent_on: dt.date) -> dt.date:
    """The time limit of a consultation sent on `sent_on` (data, never code)."""
    return sent_on + dt.timedelta(days=int(engines.parameter(CONSULTATION_REPLY, sent_on)))


def consultation_state(match: DenialMatch, today: dt.date) -> dict[str, Any]:
    """Where the exchange consultation of a matched denial stands (Art. 23(2)).

    `not_consulted`, `awaiting_reply` (until reply_by), `answered` (with maintains_denial and
    comments) or `time_limit_passed` (no answer by reply_by: the state may decide).
    """
    sent = ConsultationSent.objects.filter(match=match).first()
    if sent is None:
        return {"status": "not_consulted"}
    found: dict[str, Any] = {
        "status": "awaiting_reply",
        "to_state": sent.to_state,
        "message_id": str(sent.message_id),
        "reply_by": sent.reply_by.isoformat(),
        "maintains_denial": sent.maintains_denial,
        "comments": sent.comments,
        "replied_at": sent.replied_at.isoformat() if sent.replied_at else None,
    }
    if sent.replied_at is not None:
        found["status"] = "answered"
    elif today > sent.reply_by:
        found["status"] = "time_limit_passed"
    return found
