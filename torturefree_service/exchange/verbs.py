"""The exchange's audit verbs, added to the one audit service's table (as evidence/verbs.py does)."""

from __future__ import annotations

from torturefree.records import EventType
from torturefree_service.audit.services import VERB_EVENT_TYPES

EXCHANGE_VERBS: dict[str, tuple[str, EventType]] = {
    "exchange.queue": ("message_queued", EventType.MESSAGE_QUEUED),
    "exchange.delivered": ("message_delivered", EventType.MESSAGE_DELIVERED),
    "exchange.refused_by_peer": ("message_refused", EventType.MESSAGE_REFUSED),
    "exchange.undeliverable": ("message_refused", EventType.MESSAGE_REFUSED),
    "exchange.receive": ("message_received", EventType.MESSAGE_RECEIVED),
    "exchange.refuse": ("message_refused", EventType.MESSAGE_REFUSED),
    "exchange.answer": ("message_queued", EventType.MESSAGE_QUEUED),
}


def register_verbs() -> None:
    for verb, types in EXCHANGE_VERBS.items():
        VERB_EVENT_TYPES.setdefault(verb, types)
