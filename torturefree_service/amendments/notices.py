"""Participants told of the mechanism's questions and decisions (issue #16), over the exchange.

A recorded `question` (to the requester: the requesting state; to `all`: every participating
state) and a recorded `decide` (every participating state) queue a signed `amendment_notice`
per state in the same transaction as the step, so a step and its notices commit together.
`notices_deliver` (`torturefree amendments notify`) posts each pending notice to the state's
inbox: a receipt that accepts it marks it delivered, one that refuses it is final (the error is
kept), no receipt (the node is down) leaves it pending for the next run, as the contract says.
The notice carries the request's id, the question or the decision in words, and the public page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from torturefree.exchange.directory import INBOX_PATH
from torturefree.exchange.envelope import new_envelope, sign
from torturefree.exchange.receipt import ReceiptError, read_receipt
from torturefree.exchange.verify import Policy, verify
from torturefree.lists.amendments.model import Event
from torturefree.lists.amendments.procedure import Procedure
from torturefree_service.amendments.models import AmendmentNotice, AmendmentRequest
from torturefree_service.exchange.transport import Transport, TransportError
from torturefree_service.hub.models import Participant
from torturefree_service.hub.participants import hub_node
from torturefree_service.hub.register import hub_directory

MESSAGE_TYPE = "amendment_notice"
HUB = "HUB"
Post = Callable[[str, bytes], bytes]
KEPT = dt.timedelta(days=3650)


def _body(procedure: Procedure, event: Event) -> dict[str, Any] | None:
    request = procedure.request
    base = {"request": request.id, "on": event.at.isoformat(), "page": f"/amendments/{request.id}"}
    if event.kind == "question":
        question = procedure.questions[-1]
        return base | {
            "event": "question",
            "text": question.text,
            "question": question.number,
            "to": question.to,
        }
    if event.kind == "decide" and procedure.decision is not None:
        decision = procedure.decision
        words = f"{procedure.state}: {decision.tally.words()}. {decision.reasons}".strip()
        return base | {"event": "decision", "text": words[:4000], "status": procedure.state}
    return None


def _recipients(procedure: Procedure, event: Event, hub: str) -> list[str]:
    states = list(Participant.objects.exclude(state=hub).values_list("state", flat=True))
    if event.kind == "question" and procedure.questions[-1].to == "requester":
        requester = procedure.request.requester.removeprefix("state-")
        return [s for s in states if s == requester]
    return sorted(states)


def queue_notices(row: AmendmentRequest, procedure: Procedure, event: Event) -> int:
    """Sign and keep a notice per participant the step concerns (in the caller's transaction)."""
    body = _body(procedure, event)
    if body is None:
        return 0
    states = _recipients(procedure, event, HUB)
    if not states:
        return 0
    node = hub_node()
    key = node.signing_key()
    count = 0
    for state in states:
        envelope = new_envelope(
            type=MESSAGE_TYPE, sender=node.state, recipient=state, key_id=key.key_id, body=body
        )
        signed = sign(envelope, key)
        AmendmentNotice.objects.create(
            request=row, state=state, message_id=signed.id, raw=signed.raw
        )
        count += 1
    return count


def post_inbox(url: str, raw: bytes) -> bytes:
    with Transport(timeout=30) as http:
        return bytes(http.post(url, raw)[1])


def notices_deliver(post: Post = post_inbox) -> dict[str, int]:
    """Post every pending notice once; counts by outcome."""
    counts = {"delivered": 0, "refused": 0, "pending": 0}
    urls = dict(Participant.objects.values_list("state", "url"))
    for notice in AmendmentNotice.objects.filter(status="pending"):
        notice.attempts += 1
        _deliver(notice, urls.get(notice.state, ""), post)
        notice.save(update_fields=["attempts", "status", "error", "delivered_at"])
        counts[notice.status] += 1
    return counts


def _deliver(notice: AmendmentNotice, url: str, post: Post) -> None:
    # The kept bytes read back as the message they are (signed here; any age: a retry).
    sent = verify(
        bytes(notice.raw),
        me=notice.state,
        now=timezone.now(),
        directory=hub_directory(),
        policy=Policy(max_age=KEPT),
    )
    try:
        answer = post(url.rstrip("/") + INBOX_PATH, sent.raw)
        receipt = read_receipt(answer, sent=sent, now=timezone.now(), directory=hub_directory())
    except (TransportError, ReceiptError, OSError) as error:
        notice.error = f"not delivered: {error}"[:2000]
        return
    if receipt.accepted:
        notice.status, notice.error, notice.delivered_at = "delivered", "", timezone.now()
        return
    refused = receipt.error or {}
    notice.status = "refused"
    notice.error = f"{refused.get('code')}: {refused.get('message')} ({refused.get('field')})"
