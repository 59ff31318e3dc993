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
    # What received messages did to the case work (effects.py, effects_denials.py).
    "exchange.notice_reply": ("message_received", EventType.MESSAGE_RECEIVED),
    "exchange.denial_received": ("denial_imported", EventType.DENIAL_IMPORTED),
    "exchange.denial_withdrawn": ("denial_imported", EventType.DENIAL_IMPORTED),
    "exchange.consulted": ("consultation", EventType.CONSULTATION),
    "exchange.consultation_reply": ("consultation", EventType.CONSULTATION),
    "exchange.grant_notice": ("denial_notified", EventType.DENIAL_NOTIFIED),
    "exchange.hold_lifted": ("decision_taken", EventType.DECISION_TAKEN),
    # Our own denial withdrawn (withdrawal.py): it no longer counts, its recipients are told.
    "denial.withdraw": ("denial_notified", EventType.DENIAL_NOTIFIED),
}


def register_verbs() -> None:
    for verb, types in EXCHANGE_VERBS.items():
        VERB_EVENT_TYPES.setdefault(verb, types)
