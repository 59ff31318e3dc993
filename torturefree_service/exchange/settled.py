"""What a delivered (or refused) message settles in the business object it belongs to.

Modules register a callback per `subject_kind` (e.g. a denial is notified once every peer has
its receipt); the callback runs in the transaction that records the receipt.
"""

from __future__ import annotations

from collections.abc import Callable

from torturefree_service.exchange.models import OutboxMessage

Callback = Callable[[OutboxMessage], None]
_CALLBACKS: dict[str, list[Callback]] = {}


def on_settled(subject_kind: str) -> Callable[[Callback], Callback]:
    def register(callback: Callback) -> Callback:
        _CALLBACKS.setdefault(subject_kind, []).append(callback)
        return callback

    return register


def settle(message: OutboxMessage) -> None:
    for callback in _CALLBACKS.get(message.subject_kind, []):
        callback(message)
