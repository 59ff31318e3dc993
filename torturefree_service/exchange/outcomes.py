"""What one attempt at delivering a message came to, worked out without writing anything.

Sending (the POST, the receipt's verification, the back-off) is kept apart from recording, so
that one message's outcome can be written on its own (delivery.py) or a whole pass's outcomes in
one transaction (passes.py) by the same rules.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from torturefree.exchange.envelope import Envelope, SignedMessage
from torturefree.exchange.receipt import ReceiptError, read_receipt
from torturefree_service.exchange.identity import identity
from torturefree_service.exchange.models import OutboxMessage, OutState
from torturefree_service.exchange.transport import Transport, TransportError

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """An attempt's result: the row's changes, the Attempt to add and the audit event, if any."""

    message: OutboxMessage
    status: int | None
    changes: dict[str, Any]
    attempt: str  # the Attempt's outcome: delivered, refused, failed
    detail: str
    audit: tuple[str, dict[str, Any]] | None = None


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def attempt(message: OutboxMessage, http: Transport) -> Outcome:
    """POST the stored bytes and read the answer: a receipt, or a reason to try again."""
    status: int | None = None
    try:
        status, answer = http.post(message.url, bytes(message.raw))
        if status != 200:
            return failed(
                message, status, f"HTTP {status}: {answer[:300].decode('utf-8', 'replace')}"
            )
        return received(message, answer, status)
    except TransportError as error:
        return failed(message, status, str(error)[:500])
    except ReceiptError as error:
        return failed(message, status, f"not a receipt: {error}"[:500])
    except Exception as error:  # a peer's answer never takes the worker down
        log.exception("delivering %s", message.pk)
        return failed(message, status, f"{type(error).__name__}: {error}"[:500])


def _sent(message: OutboxMessage, me: str) -> SignedMessage:
    """What read_receipt checks the receipt against: our stored bytes and their addressing."""
    envelope = Envelope(
        id=str(message.pk),
        type=message.type,
        sender=me,
        recipient=message.recipient,
        key_id="",
        sent_at=message.created_at,
        conversation=str(message.conversation),
        in_reply_to=str(message.in_reply_to) if message.in_reply_to else None,
        body={},
    )
    return SignedMessage(envelope, "", bytes(message.raw))


def received(message: OutboxMessage, raw: bytes, status: int) -> Outcome:
    """A verified receipt: delivered or (final) refused by the peer."""
    me = identity()
    if me is None:
        raise ReceiptError("this node has no exchange identity any more")
    now = timezone.now()
    receipt = read_receipt(raw, sent=_sent(message, me.state), now=now, directory=me.directory())
    payload = {"type": message.type, "to": message.recipient, "error": receipt.error}
    if receipt.accepted:
        changes = {"state": OutState.DELIVERED, "delivered_at": now, "receipt_error": None}
        verb, detail = "exchange.delivered", ""
    else:
        changes = {"state": OutState.REFUSED, "receipt_error": receipt.error}
        verb, detail = "exchange.refused_by_peer", str(receipt.error)
    changes["receipt_raw"] = raw
    return Outcome(message, status, changes, str(changes["state"]), detail, (verb, payload))


def backoff(attempts: int) -> dt.timedelta:
    """2 s, 4 s, 8 s … capped (an hour by default), with jitter so peers are not hit in step."""
    base = _setting("TORTUREFREE_EXCHANGE_RETRY_BASE_SECONDS", 2)
    cap = _setting("TORTUREFREE_EXCHANGE_RETRY_CAP_SECONDS", 3600)
    delay = min(cap, base * 2 ** max(attempts - 1, 0))
    return dt.timedelta(seconds=delay * random.uniform(0.8, 1.2))


def failed(message: OutboxMessage, status: int | None, detail: str) -> Outcome:
    """Not delivered: the next attempt after the back-off, or UNDELIVERABLE (shown to an
    officer) once the retry window since the message was queued has closed."""
    now = timezone.now()
    # A day short of the receivers' 30-day replay limit: a last attempt is still accepted.
    window = dt.timedelta(days=_setting("TORTUREFREE_EXCHANGE_RETRY_DAYS", 29))
    closes = message.created_at + window
    changes: dict[str, Any] = {"last_error": detail}
    if now >= closes:
        changes["state"] = OutState.UNDELIVERABLE
        payload = {"type": message.type, "to": message.recipient, "last_error": detail}
        return Outcome(
            message, status, changes, "failed", detail, ("exchange.undeliverable", payload)
        )
    wait = backoff(message.attempts + 1)
    # The last attempt falls on the window's end, not after it.
    changes["state"], changes["next_attempt_at"] = OutState.PENDING, min(now + wait, closes)
    return Outcome(message, status, changes, "failed", detail)
