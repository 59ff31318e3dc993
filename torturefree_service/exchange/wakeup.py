"""Telling the queue's worker there is something to deliver, after the commit that queued it.

Each queued message becomes a django-q2 task (torturefree_service/jobs/queue.py) once its
transaction commits — never before, so a rolled-back grant sends nothing. The `exchange-deliver`
schedule sweeps every minute for whatever a lost task, a back-off or a killed worker left: the
outbox row is the promise either way, so nothing depends on the wake-up arriving.
"""

from __future__ import annotations

from django.conf import settings

from torturefree_service.jobs.queue import enqueue

TASK = "torturefree_service.exchange.delivery.deliver_message"


def deliver_soon(message_id: str) -> None:
    if getattr(settings, "TORTUREFREE_EXCHANGE_DELIVERY", "queue") == "manual":
        return  # tests and `exchange deliver` drive delivery themselves
    enqueue(TASK, message_id, group="exchange")
