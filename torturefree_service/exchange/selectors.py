"""Reads of the exchange for the CLI, the pages and the API: what went out and what came in."""

from __future__ import annotations

from typing import Any

from torturefree_service.exchange.models import (
    InboxMessage,
    InboxRefusal,
    OutboxMessage,
    OutState,
)


def _when(value: Any) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def outbox_rows(limit: int = 200, state: str | None = None) -> list[dict[str, Any]]:
    """The latest messages queued here, each with its delivery state and attempts."""
    found = OutboxMessage.objects.all()
    if state:
        found = found.filter(state=state)
    return [
        {
            "id": str(m.pk),
            "type": m.type,
            "to": m.recipient,
            "state": m.state,
            "attempts": m.attempts,
            "created_at": _when(m.created_at),
            "next_attempt_at": _when(m.next_attempt_at) if m.state == OutState.PENDING else None,
            "delivered_at": _when(m.delivered_at),
            "last_error": m.last_error or None,
            "refusal": m.receipt_error,
            "conversation": str(m.conversation),
            "in_reply_to": str(m.in_reply_to) if m.in_reply_to else None,
            "about": "/".join(p for p in (m.subject_kind, m.subject_ref) if p) or None,
        }
        for m in found[:limit]
    ]


def inbox_rows(limit: int = 200) -> list[dict[str, Any]]:
    """What came in: accepted messages and refused posts, newest first."""
    accepted: list[dict[str, Any]] = [
        {
            "id": str(m.pk),
            "type": m.type,
            "from": m.sender,
            "state": "accepted",
            "key_id": m.key_id,
            "sent_at": _when(m.sent_at),
            "received_at": _when(m.received_at),
            "sha256": m.sha256,
            "conversation": str(m.conversation),
            "in_reply_to": str(m.in_reply_to) if m.in_reply_to else None,
            "about": "/".join(p for p in (m.subject_kind, m.subject_ref) if p) or None,
        }
        for m in InboxMessage.objects.all()[:limit]
    ]
    refused: list[dict[str, Any]] = [
        {
            "id": r.claimed_id or None,
            "type": r.claimed_type or None,
            "from": r.claimed_sender or None,
            "state": "refused",
            "error": {"code": r.code, "message": r.message, "field": r.field or None},
            "received_at": _when(r.received_at),
            "sha256": r.sha256,
            "size": r.size,
        }
        for r in InboxRefusal.objects.all()[:limit]
    ]
    rows = accepted + refused
    rows.sort(key=lambda row: str(row["received_at"] or ""), reverse=True)
    return rows[:limit]


def conversation_of(message_id: str) -> str | None:
    """The conversation of a message this node received or sent (what a reply must carry)."""
    for model in (InboxMessage, OutboxMessage):
        found = model.objects.filter(pk=message_id).values_list("conversation", flat=True).first()
        if found is not None:
            return str(found)
    return None
