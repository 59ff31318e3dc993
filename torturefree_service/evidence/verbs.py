"""The audit verbs of the evidence register, added to the one audit service's table.

audit/services.py belongs to another owner; registering here (with setdefault, so an entry the
audit owner adds later wins) keeps every change going through `audit_record`. The ledger has no
evidence event types yet: the wanted types are named, the fallback carries the verb in the payload.
"""

from __future__ import annotations

from torturefree.records import EventType
from torturefree_service.audit.services import VERB_EVENT_TYPES

# An officer's recorded judgement is the nearest existing type for entering or weighing evidence.
_FALLBACK = EventType.DISPOSITION_RECORDED

EVIDENCE_VERBS: dict[str, tuple[str, EventType]] = {
    "evidence.create": ("evidence_recorded", _FALLBACK),
    "evidence.update": ("evidence_recorded", _FALLBACK),
    "evidence.review": ("evidence_reviewed", _FALLBACK),
    "evidence.withdraw": ("evidence_withdrawn", _FALLBACK),
    "evidence.import": ("evidence_imported", _FALLBACK),
}


def register_verbs() -> None:
    for verb, types in EVIDENCE_VERBS.items():
        VERB_EVENT_TYPES.setdefault(verb, types)
