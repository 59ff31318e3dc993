"""Receiving: verify, deduplicate by id, store the raw bytes, apply the effect once, receipt.

Every answer is a signed receipt (accepted or refused). A message id already accepted gets the
receipt it got the first time and no second effect; the same id with other bytes is refused.
A refusal is recorded with the first 64 KiB of what came, never applied.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from torturefree.exchange.envelope import SignedMessage
from torturefree.exchange.errors import Claimed, Refusal
from torturefree.exchange.receipt import receipt_for
from torturefree.exchange.verify import verify
from torturefree_service.audit.services import audit_record
from torturefree_service.exchange.handlers import NOT_APPLICABLE, handler_for
from torturefree_service.exchange.identity import Identity
from torturefree_service.exchange.inboxgroup import GroupCommit
from torturefree_service.exchange.models import InboxMessage, InboxRefusal

log = logging.getLogger(__name__)
DUPLICATE_ID = "duplicate_id"
HEAD_BYTES = 64 * 1024


def inbox_receive(raw: bytes, me: Identity, *, remote_addr: str = "") -> bytes:
    """The signed receipt (bytes) for what a peer posted to this node's inbox."""
    now = timezone.now()
    try:
        message = verify(raw, me=me.state, now=now, directory=me.directory())
    except Refusal as refusal:
        # A retry of a message accepted earlier gets its first receipt even if it would not
        # verify now (a key retired since, the replay window passed): looked up only here, so
        # a new message costs no extra round trip (the unique id catches a repeat below).
        repeat = _repeat(raw)
        return repeat if repeat is not None else _refuse(raw, refusal, me, remote_addr)
    try:
        if message.envelope.type == "receipt":
            raise Refusal(NOT_APPLICABLE, "a receipt is an answer, never posted", "envelope.type")
        return _accept(raw, message, me)
    except Refusal as refusal:
        # A repeat's effect may refuse what the first delivery applied (a denial already
        # withdrawn): the first receipt stands.
        repeat = _repeat(raw)
        if repeat is not None:
            return repeat
        # Refused after verification (by a handler): the receipt goes to the verified sender,
        # who can read it and stop retrying.
        return _refuse(raw, refusal.with_claimed(_verified(message)), me, remote_addr)


def _verified(message: SignedMessage) -> Claimed:
    envelope = message.envelope
    return Claimed(envelope.id, envelope.sender, envelope.conversation, envelope.type)


def _claimed_id(raw: bytes) -> str | None:
    try:
        envelope = json.loads(raw).get("envelope", {})
        value = envelope.get("id") if isinstance(envelope, dict) else None
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) and len(value) == 36 else None


def _repeat(raw: bytes) -> bytes | None:
    """The receipt given before for these exact bytes (a retry of a delivered message)."""
    message_id = _claimed_id(raw)
    if message_id is None:
        return None
    try:
        stored = InboxMessage.objects.filter(pk=message_id).only("sha256", "receipt_raw").first()
    except Exception:  # not a UUID the database takes: verification will say so
        return None
    if stored is not None and stored.sha256 == hashlib.sha256(raw).hexdigest():
        return bytes(stored.receipt_raw)
    return None


# The inbox's writes of a process's concurrent requests share one transaction (inboxgroup.py).
_GROUP = GroupCommit()


def _accept(raw: bytes, message: SignedMessage, me: Identity) -> bytes:
    """Apply the effect, then store the message with its receipt: one INSERT, in a savepoint of
    a transaction shared with concurrent requests. A repeat (or a concurrent request with the
    same id) fails on the unique id and its savepoint, effect included, rolls back: the effect
    happens once."""
    try:
        receipt_raw: bytes = _GROUP.run(lambda: _store(raw, message, me))
    except IntegrityError as error:
        return _same_id(raw, message, me, error)
    return receipt_raw


def _store(raw: bytes, message: SignedMessage, me: Identity) -> bytes:
    envelope = message.envelope
    handler = handler_for(envelope.type)
    subject = handler(message) if handler is not None else ("", "")
    receipt = receipt_for(raw, message, me=me.state, key=me.signing_key(timezone.now()))
    InboxMessage.objects.create(
        id=envelope.id,
        type=envelope.type,
        sender=envelope.sender,
        key_id=envelope.key_id,
        conversation=envelope.conversation,
        in_reply_to=envelope.in_reply_to,
        sent_at=envelope.sent_at,
        raw=raw,
        sha256=message.sha256,
        body=dict(envelope.body),
        receipt_raw=receipt.raw,
        subject_kind=subject[0],
        subject_ref=subject[1],
    )
    audit_record(
        verb="exchange.receive",
        subject=f"exchange/{envelope.id}",
        actor=f"peer:{envelope.sender}",
        payload={"type": envelope.type, "from": envelope.sender, "sha256": message.sha256},
    )
    return receipt.raw


def _same_id(raw: bytes, message: SignedMessage, me: Identity, error: IntegrityError) -> bytes:
    """Another request stored this id first: its receipt if the bytes agree, else a refusal."""
    stored = InboxMessage.objects.filter(pk=message.envelope.id).first()
    if stored is None:  # the conflict was the effect's own, not a stored id: not ours to hide
        raise error
    if stored.sha256 == message.sha256:
        return bytes(stored.receipt_raw)
    refusal = Refusal(
        DUPLICATE_ID,
        "this message id was already received with other contents",
        "envelope.id",
        Claimed(message.id, message.envelope.sender, message.envelope.conversation),
    )
    return _refuse(raw, refusal, me, "")


def _refuse(raw: bytes, refusal: Refusal, me: Identity, remote_addr: str) -> bytes:
    receipt = receipt_for(raw, refusal, me=me.state, key=me.signing_key(timezone.now()))
    claimed = refusal.claimed
    with transaction.atomic():
        InboxRefusal.objects.create(
            claimed_id=(claimed.message_id or "")[:64],
            claimed_sender=(claimed.sender or "")[:8],
            claimed_type=(claimed.type or "")[:40],
            code=refusal.code,
            message=refusal.message[:4000],
            field=(refusal.field or "")[:200],
            sha256=hashlib.sha256(raw).hexdigest(),
            size=len(raw),
            head=raw[:HEAD_BYTES],
            receipt_raw=receipt.raw,
            remote_addr=remote_addr[:64],
        )
        audit_record(
            verb="exchange.refuse",
            subject=f"exchange/{claimed.message_id or 'unreadable'}",
            actor=f"peer:{claimed.sender or 'unknown'}",
            payload={"code": refusal.code, "field": refusal.field, "size": len(raw)},
        )
    return receipt.raw
