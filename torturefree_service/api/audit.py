"""The audit trail for auditors (and senior officers): events and the ledger's integrity."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from ninja import Router

from torturefree_service.api.common import page_bounds, person
from torturefree_service.audit.ledger import get_ledger
from torturefree_service.audit.models import AuditEvent
from torturefree_service.audit.services import audit_flush
from torturefree_service.organisations.access import require_role
from torturefree_service.organisations.models import Role

router = Router(tags=["audit"])


@router.get("/audit/events")
def events(
    request: HttpRequest, subject: str | None = None, page: int = 1, page_size: int = 100
) -> dict[str, Any]:
    require_role(person(request), Role.AUDITOR, Role.SENIOR_OFFICER, Role.ADMINISTRATOR)
    rows = AuditEvent.objects.order_by("-id")
    if subject:
        rows = rows.filter(subject=subject)
    page, start, end = page_bounds(page, page_size, 500)
    return {
        "count": rows.count(),
        "items": [
            {
                "verb": e.verb,
                "event_type": e.event_type,
                "subject": e.subject,
                "actor": e.actor,
                "from": e.from_state,
                "to": e.to_state,
                "payload": e.payload,
                "recorded_at": e.recorded_at.isoformat(),
                "ledger_seq": e.ledger_seq,
            }
            for e in rows[start:end]
        ],
    }


@router.get("/audit/ledger")
def ledger(request: HttpRequest) -> dict[str, Any]:
    """Flush pending events, then verify the hash chain."""
    require_role(person(request), Role.AUDITOR, Role.ADMINISTRATOR)
    audit_flush()
    result = get_ledger().verify()
    return asdict(result)
