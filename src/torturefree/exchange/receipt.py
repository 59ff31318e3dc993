"""Receipts: the receiver's signed answer to every message it was sent, accepted or refused.

A refusal is signed too (issue #13 item 6: "a clear signed error"), addressed with what the
refused message claimed about itself (its id, sender and conversation) when those could be read;
`ZZ` (ISO 3166 "unknown") stands for a sender that could not be read at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from torturefree.exchange.directory import Directory
from torturefree.exchange.envelope import SignedMessage, new_envelope, sign
from torturefree.exchange.errors import Claimed, ExchangeError, Refusal
from torturefree.exchange.keys import SigningKey
from torturefree.exchange.timefmt import format_time, now_utc
from torturefree.exchange.verify import Policy, verify

UNKNOWN_SENDER = "ZZ"
ACCEPTED = "accepted"
REFUSED = "refused"


class ReceiptError(ExchangeError):
    """An answer that is not a valid receipt for the message sent: it was not delivered."""


@dataclass(frozen=True)
class Receipt:
    """A verified receipt for a message this node sent."""

    message: SignedMessage
    status: str
    sha256: str
    received_at: str
    error: dict[str, Any] | None

    @property
    def accepted(self) -> bool:
        return self.status == ACCEPTED


def receipt_for(
    raw: bytes,
    outcome: SignedMessage | Refusal,
    *,
    me: str,
    key: SigningKey,
    received_at: dt.datetime | None = None,
) -> SignedMessage:
    """The signed receipt for received bytes: accepted for a verified message, else refused."""
    moment = received_at or now_utc()
    if isinstance(outcome, SignedMessage):
        envelope = outcome.envelope
        claimed = Claimed(envelope.id, envelope.sender, envelope.conversation, envelope.type)
        error = None
    else:
        claimed, error = outcome.claimed, _short(outcome.as_error())
    body = {
        "status": ACCEPTED if error is None else REFUSED,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "received_at": format_time(moment),
        "error": error,
    }
    sender = claimed.sender if claimed.sender and len(claimed.sender) <= 8 else UNKNOWN_SENDER
    envelope = new_envelope(
        type="receipt",
        sender=me,
        recipient=sender,
        key_id=key.key_id,
        body=body,
        sent_at=moment,
        conversation=claimed.conversation,
        in_reply_to=claimed.message_id,
    )
    return sign(envelope, key)


def _short(error: dict[str, str | None]) -> dict[str, str | None]:
    """Keep a refusal within the receipt schema's lengths (a field path can echo hostile input)."""
    field = error["field"]
    return {
        "code": error["code"],
        "message": (error["message"] or "refused")[:4000],
        "field": field[:200] if field else None,
    }


def read_receipt(
    raw: bytes,
    *,
    sent: SignedMessage,
    now: dt.datetime,
    directory: Directory,
    policy: Policy | None = None,
) -> Receipt:
    """Verify the answer to `sent`: signed by its recipient, for its id and for its exact bytes."""
    try:
        message = verify(raw, me=sent.envelope.sender, now=now, directory=directory, policy=policy)
    except Refusal as refusal:
        raise ReceiptError(f"the answer does not verify: {refusal}") from refusal
    envelope = message.envelope
    if envelope.type != "receipt":
        raise ReceiptError(f"the answer is a {envelope.type}, not a receipt")
    if envelope.sender != sent.envelope.recipient:
        raise ReceiptError(
            f"the receipt comes from {envelope.sender}, not {sent.envelope.recipient}"
        )
    if envelope.in_reply_to != sent.id:
        raise ReceiptError(f"the receipt answers {envelope.in_reply_to}, not {sent.id}")
    body = envelope.body
    if body["sha256"] != sent.sha256:
        raise ReceiptError("the receipt is for other bytes than those sent (changed in transit)")
    return Receipt(message, body["status"], body["sha256"], body["received_at"], body["error"])
