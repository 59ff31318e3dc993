"""workflow_transition: the one place a status field changes, always through the audit service."""

from __future__ import annotations

from typing import Any

from torturefree_service.audit.services import audit_record
from torturefree_service.workflow.machine import StateMachine


def workflow_transition(
    *,
    obj: Any,
    machine: StateMachine,
    action: str,
    actor: str,
    subject: str,
    payload: dict[str, Any] | None = None,
    extra_fields: tuple[str, ...] = (),
) -> str:
    """Check the table, move `obj` to the target state, save, and audit; returns the new state."""
    source = str(obj.status)
    target = machine.target(source, action)
    obj.status = target
    obj.save(update_fields=["status", *extra_fields])
    audit_record(
        verb=f"{machine.name}.{action}",
        subject=subject,
        actor=actor,
        payload=payload,
        from_state=source,
        to_state=target,
    )
    return target
