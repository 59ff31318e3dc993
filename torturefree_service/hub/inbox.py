"""`POST /exchange/v1/inbox` on the hub: signed register_update, watchlist_update,
amendment_request, amendment_answer and information_reply (to a case's question) messages from
states' nodes.

Every answer is a signed receipt (the contract). Verification is the core's (`verify` against
the participants the hub lists); an accepted update is appended to the register in the same
transaction as its receipt. The same message id with the same bytes gets the receipt it got
the first time and no second entry; another message under a used id is refused as replayed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from torturefree.exchange.envelope import MAX_MESSAGE_BYTES, SignedMessage
from torturefree.exchange.errors import Claimed, Refusal
from torturefree.exchange.receipt import receipt_for
from torturefree.exchange.verify import verify
from torturefree.register.errors import REPLAYED, RegisterRefusal
from torturefree_service.amendments.exchange import answer_receive, request_receive
from torturefree_service.hub.caseask import case_reply
from torturefree_service.hub.models import InboxReceipt
from torturefree_service.hub.participants import hub_node
from torturefree_service.hub.register import hub_directory, register_apply
from torturefree_service.hub.watchlist import watchlist_apply

# What each message type the hub takes does once verified (in the receipt's transaction).
HANDLERS: dict[str, Callable[[SignedMessage], object]] = {
    "register_update": register_apply,
    "watchlist_update": watchlist_apply,
    "amendment_request": request_receive,
    "amendment_answer": answer_receive,
    "information_reply": case_reply,
}


def _apply(message: SignedMessage) -> None:
    handler = HANDLERS.get(message.envelope.type)
    if handler is None:
        taken = ", ".join(HANDLERS)
        raise RegisterRefusal("wrong_type", f"the hub takes {taken}", "envelope.type")
    handler(message)


def _claimed_id(raw: bytes) -> str | None:
    try:
        envelope = json.loads(raw).get("envelope", {})
        value = envelope.get("id") if isinstance(envelope, dict) else None
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) and len(value) == 36 else None


def hub_receive(raw: bytes) -> bytes:
    """The signed receipt for bytes posted to the hub's inbox."""
    digest = hashlib.sha256(raw).hexdigest()
    claimed = _claimed_id(raw)
    held = InboxReceipt.objects.filter(pk=claimed).first() if claimed else None
    if held is not None and held.sha256 == digest:
        return bytes(held.receipt)
    node = hub_node()
    key = node.signing_key()
    try:
        message = verify(raw, me=node.state, now=timezone.now(), directory=hub_directory())
    except Refusal as refusal:
        return receipt_for(raw, refusal, me=node.state, key=key).raw
    envelope = message.envelope
    sent = Claimed(envelope.id, envelope.sender, envelope.conversation, envelope.type)
    try:
        if held is not None:
            raise RegisterRefusal(REPLAYED, f"message id {message.id} was used before", "id")
        with transaction.atomic():
            _apply(message)
            receipt = receipt_for(raw, message, me=node.state, key=key).raw
            InboxReceipt.objects.create(
                message_id=message.id, sha256=digest, status="accepted", receipt=receipt
            )
        return receipt
    except RegisterRefusal as refused:
        refusing = Refusal(refused.code, refused.message, refused.field, sent)
        return receipt_for(raw, refusing, me=node.state, key=key).raw


@csrf_exempt  # peers authenticate by signature, not by a browser session
@require_POST
def inbox(request: HttpRequest) -> HttpResponse:
    raw = request.read(MAX_MESSAGE_BYTES + 1)
    return HttpResponse(hub_receive(raw), content_type="application/json")
