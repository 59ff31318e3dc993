"""Messages in the contract's envelope: built, signed over their RFC 8785 form, serialised.

The bytes on the wire are the RFC 8785 form of `{"envelope": ..., "signature": ...}`, so the
same message always serialises to the same bytes (a retry sends exactly what was sent before,
and its sha256 names it). Verification of received bytes is in `verify.py`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from torturefree.exchange.canonical import canonical
from torturefree.exchange.errors import ExchangeError
from torturefree.exchange.keys import SigningKey
from torturefree.exchange.schemas import outgoing_fields_check
from torturefree.exchange.timefmt import format_time, now_utc

PROTOCOL = "torturefree-exchange/1"
MAX_MESSAGE_BYTES = 1024 * 1024  # contract: "at most 1 MiB"


@dataclass(frozen=True)
class Envelope:
    """What the signature covers. `sender`/`recipient` are the wire's `from`/`to`."""

    id: str
    type: str
    sender: str
    recipient: str
    key_id: str
    sent_at: dt.datetime
    conversation: str
    in_reply_to: str | None
    body: Mapping[str, Any]
    protocol: str = PROTOCOL
    # Envelope fields a newer peer added: signed, kept as received, otherwise ignored.
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extra,
            "protocol": self.protocol,
            "id": self.id,
            "type": self.type,
            "from": self.sender,
            "to": self.recipient,
            "key_id": self.key_id,
            "sent_at": format_time(self.sent_at),
            "conversation": self.conversation,
            "in_reply_to": self.in_reply_to,
            "body": dict(self.body),
        }


@dataclass(frozen=True)
class SignedMessage:
    """An envelope with its signature and the exact bytes that carry them."""

    envelope: Envelope
    signature: str
    raw: bytes

    @property
    def id(self) -> str:
        return self.envelope.id

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def new_envelope(
    *,
    type: str,
    sender: str,
    recipient: str,
    key_id: str,
    body: Mapping[str, Any],
    sent_at: dt.datetime | None = None,
    conversation: str | None = None,
    in_reply_to: str | None = None,
    message_id: str | None = None,
) -> Envelope:
    """A new message; it opens its own conversation unless it continues one."""
    identifier = message_id or str(uuid.uuid4())
    moment = (sent_at or now_utc()).astimezone(dt.UTC)
    return Envelope(
        id=identifier,
        type=type,
        sender=sender,
        recipient=recipient,
        key_id=key_id,
        sent_at=moment.replace(microsecond=moment.microsecond // 1000 * 1000),
        conversation=conversation or identifier,
        in_reply_to=in_reply_to,
        body=body,
    )


def reply_envelope(
    to: Envelope,
    *,
    type: str,
    key_id: str,
    body: Mapping[str, Any],
    sent_at: dt.datetime | None = None,
) -> Envelope:
    """An answer to `to`: back to its sender, in its conversation, `in_reply_to` its id."""
    return new_envelope(
        type=type,
        sender=to.recipient,
        recipient=to.sender,
        key_id=key_id,
        body=body,
        sent_at=sent_at,
        conversation=to.conversation,
        in_reply_to=to.id,
    )


def sign(envelope: Envelope, key: SigningKey) -> SignedMessage:
    """Sign an envelope with this node's key, after the outgoing check of its body.

    Only fields the type's schema declares can leave the node (issue #13 item 5): a body with
    anything else is refused here, before any signature exists.
    """
    if envelope.key_id != key.key_id:
        raise ExchangeError(f"envelope names key {envelope.key_id}, signing key is {key.key_id}")
    if not key.public.valid_at(envelope.sent_at):
        raise ExchangeError(f"key {key.key_id} is not valid at {format_time(envelope.sent_at)}")
    outgoing_fields_check(envelope.type, envelope.body)
    document = envelope.to_json()
    signature = key.sign(canonical(document))
    raw = canonical({"envelope": document, "signature": signature})
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ExchangeError(f"the message is {len(raw)} bytes; peers take at most 1 MiB")
    return SignedMessage(envelope, signature, raw)
