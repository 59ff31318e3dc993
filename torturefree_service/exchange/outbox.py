"""Queueing a message: signed and stored in the caller's transaction, delivered after commit.

`outbox_send` is called inside the business change it belongs to (a granted licence and its
pre-export notice commit together or not at all): the row is the promise to deliver, and the
delivery worker (delivery.py) keeps it until a signed receipt comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from torturefree.exchange.directory import Participant
from torturefree.exchange.envelope import new_envelope, sign
from torturefree.exchange.errors import Refusal
from torturefree.exchange.schemas import validate_body
from torturefree_service.audit.services import audit_record
from torturefree_service.errors import Invalid
from torturefree_service.exchange import wakeup
from torturefree_service.exchange.identity import Identity, identity
from torturefree_service.exchange.models import OutboxMessage


def peers_accepting(message_type: str, *, exclude: str | None = None) -> list[Participant]:
    """Every participant of the held directory that takes `message_type`, this node aside."""
    me = identity()
    if me is None:
        return []
    return [
        p
        for state, p in sorted(me.directory().participants.items())
        if state not in (me.state, exclude) and p.accepts_type(message_type)
    ]


def peer(state: str, message_type: str) -> Participant | None:
    """The participant `state` if it is in the directory and takes `message_type`."""
    me = identity()
    if me is None or state == me.state:
        return None
    found = me.directory().peer(state)
    return found if found is not None and found.accepts_type(message_type) else None


def outbox_send(
    *,
    type: str,
    to: str,
    body: Mapping[str, Any],
    subject: tuple[str, str] = ("", ""),
    conversation: str | None = None,
    in_reply_to: str | None = None,
    actor: str = "system",
) -> OutboxMessage:
    """Sign a message to `to` and queue it; refused (Invalid) when `to` is no peer for it."""
    me = _identity()
    target = me.directory().peer(to)
    if target is None:
        raise Invalid(f"{to} is not in this node's directory", field="to")
    if not target.accepts_type(type):
        raise Invalid(f"{to} does not accept {type} messages", field="type")
    try:
        validate_body(type, body)
    except Refusal as refusal:
        # Our own records do not make a valid message: say which field, send nothing.
        raise Invalid(refusal.message, field=f"body.{refusal.field or ''}".rstrip(".")) from None
    now = timezone.now()
    key = me.signing_key(now)
    envelope = new_envelope(
        type=type,
        sender=me.state,
        recipient=to,
        key_id=key.key_id,
        body=body,
        sent_at=now,
        conversation=conversation,
        in_reply_to=in_reply_to,
    )
    signed = sign(envelope, key)
    message = OutboxMessage.objects.create(
        id=envelope.id,
        type=type,
        recipient=to,
        url=target.inbox_url,
        conversation=envelope.conversation,
        in_reply_to=in_reply_to,
        raw=signed.raw,
        sha256=signed.sha256,
        subject_kind=subject[0],
        subject_ref=subject[1],
        next_attempt_at=now,
    )
    audit_record(
        verb="exchange.queue",
        subject=f"exchange/{envelope.id}",
        actor=actor,
        payload={"type": type, "to": to, "about": "/".join(s for s in subject if s)},
    )
    transaction.on_commit(lambda: wakeup.deliver_soon(str(message.id)))
    return message


def _identity() -> Identity:
    me = identity()
    if me is None:
        raise Invalid(
            "this node has not joined the exchange (run `torturefree exchange init`)", field="to"
        )
    return me


def retry_window_closed(message: OutboxMessage, now: dt.datetime, window: dt.timedelta) -> bool:
    return now - message.created_at > window
