"""Requests and answers that reach the hub from a state's node through the exchange (issue #16).

The contract (shared/design/exchange.md) lets implementers add message types; the expert
mechanism adds two, state -> HUB: `amendment_request` (a request's fields, Art. 25(1)) and
`amendment_answer` (the requester answers a question put to it). The requester is the signed
sender (`state-XX`, as requests filed on the hub name a state), never a body field, and the day
of receipt is the hub's UTC day when the message is verified. A request or an answer the
procedure refuses is refused in the signed receipt, naming the field, and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.errors import InputError
from torturefree.exchange.envelope import SignedMessage
from torturefree.lists.amendments.errors import ProcedureError
from torturefree.register.errors import RegisterRefusal
from torturefree_service.amendments.services import file_request, record

REFUSED = "amendment_refused"


def requester_of(state: str) -> str:
    """How the mechanism names a state that requests (docs/amendments.md: `state-NL`)."""
    return f"state-{state}"


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _refusal(error: InputError | ProcedureError, prefix: str) -> RegisterRefusal:
    field = error.field or ""
    where = "envelope.from" if field == "by" else f"{prefix}.{field}" if field else prefix
    return RegisterRefusal(REFUSED, error.reason, where)


def request_receive(message: SignedMessage) -> str:
    """File the request a state sent; its id is the request's."""
    envelope = message.envelope
    body: dict[str, Any] = dict(envelope.body)
    if "requester" in body:  # the schema forbids it already; never trust a body for who asks
        raise RegisterRefusal(REFUSED, "the requester is the sender", "body.requester")
    data = {**body, "requester": requester_of(envelope.sender)}
    try:
        procedure = file_request(data, _today())
    except (InputError, ProcedureError) as error:
        raise _refusal(error, "body") from error
    return str(procedure.request.id)


def answer_receive(message: SignedMessage) -> str:
    """Record the requester's answer to a question (only the requester answers its questions)."""
    envelope = message.envelope
    body = envelope.body
    data: dict[str, Any] = {"question": body["question"], "text": body["text"]}
    if body.get("evidence"):
        data["evidence"] = list(body["evidence"])
    by = requester_of(envelope.sender)
    try:
        procedure = record(str(body["request"]), "answer", _today(), by, data)
    except (InputError, ProcedureError) as error:
        raise _refusal(error, "body") from error
    return str(procedure.request.id)
