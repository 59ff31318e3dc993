"""The effect of each message type on this node, registered by type.

A handler runs in the transaction that stores the verified message, so the message and its
effect commit together or not at all. It returns the business object it touched (kind, ref) for
the pages, or raises `NotApplicable` to refuse the message (signed refusal, nothing stored).
The node registers its handlers in effects.py; the hub registers its own (e.g. register_update).
"""

from __future__ import annotations

from collections.abc import Callable

from torturefree.exchange.envelope import SignedMessage
from torturefree.exchange.errors import Refusal

Subject = tuple[str, str]
Handler = Callable[[SignedMessage], Subject]
_HANDLERS: dict[str, Handler] = {}
NOT_APPLICABLE = "not_applicable"


class NotApplicable(Refusal):
    """A well-formed, authentic message this node cannot apply (e.g. it withdraws an unknown denial)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(NOT_APPLICABLE, message, field)


def handles(message_type: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _HANDLERS[message_type] = handler
        return handler

    return register


def handler_for(message_type: str) -> Handler | None:
    return _HANDLERS.get(message_type)
