"""The audit verbs of applying a release (audit/services.py has another owner: setdefault)."""

from __future__ import annotations

from torturefree.records import EventType
from torturefree_service.audit.services import VERB_EVENT_TYPES

RELEASE_VERBS: dict[str, tuple[str, EventType]] = {
    # A re-determination under new law is a run of the checks.
    "releases.apply": ("checks_run", EventType.CHECKS_RUN),
    # An officer who has looked at the old and new answers records it, as a disposition.
    "releases.alert_resolve": ("disposition_recorded", EventType.DISPOSITION_RECORDED),
}


def register_verbs() -> None:
    for verb, types in RELEASE_VERBS.items():
        VERB_EVENT_TYPES.setdefault(verb, types)
