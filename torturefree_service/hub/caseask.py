"""Asking a state about a case through the exchange (seed ¶111 with ¶95): the hub signs an
`information_request` to the state's node, and the node's `information_reply` lands on the case.

The request is posted to the node's inbox at once and kept only if the node's signed receipt
accepts it (a refusal or an unreachable node stores nothing and says why). The questions leave
the hub as the analyst wrote them; nothing else of the case (submitter, evidence, summary) is
sent. A reply is taken only from the state asked, naming the request it answers, once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import transaction
from django.utils import timezone

from torturefree.exchange.directory import INBOX_PATH
from torturefree.exchange.envelope import SignedMessage, new_envelope, sign
from torturefree.exchange.receipt import ReceiptError, read_receipt
from torturefree.register.errors import RegisterRefusal
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.exchange.transport import Transport, TransportError
from torturefree_service.hub.casemodels import CaseQuestion, ReviewCase
from torturefree_service.hub.cases import _event
from torturefree_service.hub.models import Participant
from torturefree_service.hub.participants import hub_node
from torturefree_service.hub.register import hub_directory

Post = Callable[[str, bytes], bytes]
MOST_QUESTIONS = 100
OPEN = ("received", "triaged", "assigned", "findings")


def post_inbox(url: str, raw: bytes) -> bytes:
    """POST signed bytes to a node's inbox (the exchange's transport); the answer's bytes."""
    try:
        with Transport(timeout=30) as http:
            return http.post(url, raw)[1]
    except TransportError as error:
        raise Conflict(
            f"the node at {url} did not answer ({error}): nothing sent", field="to"
        ) from error


def _questions(items: Sequence[str]) -> list[dict[str, str]]:
    texts = [{"text": str(q).strip()[:4000]} for q in items if str(q).strip()]
    if not texts:
        raise Invalid("at least one question", field="questions")
    if len(texts) > MOST_QUESTIONS:
        raise Invalid(f"at most {MOST_QUESTIONS} questions", field="questions")
    return texts


def case_ask(
    case: ReviewCase, *, to: str, questions: Sequence[str], by: str, post: Post = post_inbox
) -> CaseQuestion:
    """Send the questions to `to`'s node; the kept request, or Invalid/Conflict naming why."""
    if not by.strip():
        raise Invalid("names who acts", field="by")
    if case.status not in OPEN:
        raise Conflict(f"a {case.status} case asks no more questions", field="status")
    node = hub_node()
    state = to.strip().upper()
    participant = Participant.objects.filter(state=state).first()
    if participant is None or state == node.state:
        raise Invalid(f"'{to}' is not a participating state (hub participant list)", field="to")
    asked = _questions(questions)
    key = node.signing_key()
    envelope = new_envelope(
        type="information_request",
        sender=node.state,
        recipient=state,
        key_id=key.key_id,
        body={"subject": "other", "questions": asked},
    )
    sent = sign(envelope, key)
    url = participant.url.rstrip("/") + INBOX_PATH
    answer = post(url, sent.raw)
    _accepted(sent, answer)
    with transaction.atomic():
        row = CaseQuestion.objects.create(
            case=case,
            message_id=sent.id,
            state=state,
            questions=asked,
            asked_by=by,
            receipt=answer,
        )
        _event(case, "ask", by, case.status, case.status, f"{state}: message {sent.id}")
    return row


def _accepted(sent: SignedMessage, answer: bytes) -> None:
    try:
        receipt = read_receipt(answer, sent=sent, now=timezone.now(), directory=hub_directory())
    except ReceiptError as error:
        raise Conflict(f"no valid receipt from the node: {error}", field="to") from error
    if not receipt.accepted:
        refused = receipt.error or {}
        raise Conflict(
            f"the node refused the request: {refused.get('code')}: {refused.get('message')}",
            field="to",
        )


def case_reply(message: SignedMessage) -> CaseQuestion:
    """A state's information_reply (verified by the inbox): its answers on the case asked."""
    envelope = message.envelope
    row = (
        CaseQuestion.objects.select_for_update()
        .filter(message_id=envelope.in_reply_to or "", state=envelope.sender)
        .first()
    )
    if row is None:
        raise RegisterRefusal(
            "not_applicable",
            "no information request of the hub to this state has that id",
            "envelope.in_reply_to",
        )
    if row.answered_at is not None:
        raise RegisterRefusal("conflict", "this request was answered", "envelope.in_reply_to")
    row.answers = [{"text": str(a.get("text", ""))} for a in envelope.body["answers"]]
    row.reply_id, row.answered_at = envelope.id, timezone.now()
    row.save(update_fields=["answers", "reply_id", "answered_at"])
    case = row.case
    _event(case, "answer", f"state:{envelope.sender}", case.status, case.status, envelope.id)
    return row
