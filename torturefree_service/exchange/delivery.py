"""The delivery worker: POST the stored bytes until the peer's signed receipt comes back.

A message is claimed with one conditional UPDATE (state pending → sending, with a lease), so two
workers never send it at once; a worker killed mid-send leaves a lease that runs out, and the
next attempt sends the very same bytes — the receiver answers a repeated id with the receipt it
gave the first time, so nothing is doubled. Anything but a valid receipt (timeout, 5xx, refused
connection, an answer that does not verify) is "not delivered": retried with back-off. A signed
refusal is final and shown to an officer; so is a message still undelivered when the retry
window closes (peers refuse messages older than the exchange's maximum age).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from torturefree_service.audit.services import audit_record
from torturefree_service.exchange import outcomes, passes, settled
from torturefree_service.exchange.models import Attempt, OutboxMessage, OutState
from torturefree_service.exchange.outcomes import Outcome
from torturefree_service.exchange.senders import Round, Senders
from torturefree_service.exchange.transport import Transport

log = logging.getLogger(__name__)


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def _due(now: dt.datetime) -> Q:
    pending = Q(state=OutState.PENDING, next_attempt_at__lte=now)
    lapsed = Q(state=OutState.SENDING, claimed_until__lt=now)
    return pending | lapsed


def _claim(message: OutboxMessage, now: dt.datetime) -> dt.datetime | None:
    """Take the message for one attempt: a compare-and-swap on the state and lease read, so of
    two workers only one wins. The lease (its end) is the claim's token: only the holder may
    write the attempt's outcome (`_settle`)."""
    lease = now + dt.timedelta(seconds=_setting("TORTUREFREE_EXCHANGE_LEASE_SECONDS", 60))
    claimed = (
        OutboxMessage.objects.filter(_due(now), pk=message.pk)
        .filter(state=message.state, claimed_until=message.claimed_until)
        .update(state=OutState.SENDING, claimed_until=lease)
    )
    if claimed != 1:
        return None
    if message.state == OutState.SENDING:
        # The worker that held it stopped (a crash, kill -9) before writing an outcome.
        Attempt.objects.create(
            message=message,
            outcome="lapsed",
            detail="the worker that claimed it stopped before an answer came: sending again",
        )
    message.state, message.claimed_until = OutState.SENDING, lease
    return lease


def _settle(message: OutboxMessage, lease: dt.datetime, **changes: object) -> bool:
    """Write an attempt's outcome if this worker still holds the claim (same lease); False when
    the lease ran out and another worker took the message over (its outcome stands)."""
    written = OutboxMessage.objects.filter(
        pk=message.pk, state=OutState.SENDING, claimed_until=lease
    ).update(claimed_until=None, attempts=F("attempts") + 1, **changes)
    if written != 1:
        log.warning("%s: lease lost before the outcome was written; left to its holder", message.pk)
        return False
    # What the UPDATE wrote, without reading the row back: only the claim's holder changes
    # attempts, so the count read at the claim is the one incremented.
    message.claimed_until, message.attempts = None, message.attempts + 1
    for name, value in changes.items():
        setattr(message, name, value)
    return True


def deliver_due(limit: int = 200, client: Transport | None = None) -> Round:
    """One pass: every message whose attempt is due (or whose lease lapsed), oldest first."""
    done = Round()
    with client or _client() as http:
        for message_id in _due_ids(limit):
            state = deliver_message(message_id, client=http)
            if state is not None:
                done.count(message_id, state)
    return done


def _due_ids(limit: int) -> list[str]:
    rows = (
        OutboxMessage.objects.filter(_due(timezone.now()))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return [str(pk) for pk in rows]


def _due_rows(limit: int) -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(_due(timezone.now())).order_by("next_attempt_at")[:limit]
    )


def deliver_sweep(seconds: float | None = None, drain: bool = False) -> dict[str, int]:
    """The scheduled task (every minute): passes over the outbox for up to `seconds`, sleeping
    until the next attempt comes due, so a back-off shorter than the schedule is kept. With
    `drain` (`exchange deliver`) what is due now is sent even past `seconds`: it stops only when
    the outbox is empty or every message left waits for a later attempt. Each pass sends on
    TORTUREFREE_EXCHANGE_SENDER_THREADS threads at once (senders.py)."""
    budget = _setting("TORTUREFREE_EXCHANGE_SWEEP_SECONDS", 50) if seconds is None else seconds
    until = time.monotonic() + budget
    total = Round()
    with _pass_sender() as send_pass:
        while True:
            total.merge(send_pass())
            pause = _until_next_due()
            if pause is None:
                break
            # drain: what is due now is always sent (a pass takes at most 200 messages).
            if not (drain and pause == 0.0) and time.monotonic() + pause >= until:
                break
            time.sleep(max(pause, 0.05))
    return total.summary()


def sender_threads() -> int:
    """Messages in flight at once per worker: TORTUREFREE_EXCHANGE_SENDER_THREADS (a setting or
    the environment), else 8 on PostgreSQL and 1 on SQLite (one writer at a time: more threads
    would only wait on its lock)."""
    name = "TORTUREFREE_EXCHANGE_SENDER_THREADS"
    configured = getattr(settings, name, None) or os.environ.get(name)
    if configured:
        return max(1, int(configured))
    return 8 if connection.vendor == "postgresql" else 1


@contextmanager
def _pass_sender() -> Iterator[Callable[[], Round]]:
    """A function that runs one pass, on one connection or on several sender threads."""
    threads = sender_threads()
    if connection.vendor == "postgresql":
        # A pass claims its messages in one statement and records their outcomes in one
        # transaction (passes.py); the threads only send and read the answers.
        with Senders(threads, outcomes.attempt, _client) as pool:
            yield lambda: passes.run_pass(pool, 200, write_one)
        return
    if threads == 1:
        with _client() as http:
            yield lambda: deliver_due(client=http)
        return
    with Senders(threads, lambda row, http: deliver_row(row, client=http), _client) as pool:
        yield lambda: pool.run(_due_rows(200))


def _until_next_due() -> float | None:
    """Seconds until the next pending attempt (or lapsed lease), None when nothing waits."""
    pending = OutboxMessage.objects.filter(state=OutState.PENDING).order_by("next_attempt_at")
    leased = OutboxMessage.objects.filter(state=OutState.SENDING).order_by("claimed_until")
    times = [
        t
        for t in (
            pending.values_list("next_attempt_at", flat=True).first(),
            leased.values_list("claimed_until", flat=True).first(),
        )
        if t is not None
    ]
    if not times:
        return None
    return max((min(times) - timezone.now()).total_seconds(), 0.0)


def deliver_message(message_id: str, client: Transport | None = None) -> str | None:
    """Try one message now if it is due; its state afterwards (None: not due or taken)."""
    message = OutboxMessage.objects.filter(_due(timezone.now()), pk=message_id).first()
    if message is None:
        return None
    return deliver_row(message, client)


def deliver_row(message: OutboxMessage, client: Transport | None = None) -> str | None:
    """deliver_message for a row a pass has read (no second read): the claim's
    compare-and-swap takes it only if it is still due and as read."""
    lease = _claim(message, timezone.now())
    if lease is None:
        return None
    if client is None:
        with _client() as http:
            return _attempt(message, lease, http)
    return _attempt(message, lease, client)


def _client() -> Transport:
    return Transport(timeout=_setting("TORTUREFREE_EXCHANGE_TIMEOUT_SECONDS", 10))


def _attempt(message: OutboxMessage, lease: dt.datetime, http: Transport) -> str:
    return write_one(outcomes.attempt(message, http), lease)


def write_one(outcome: Outcome, lease: dt.datetime) -> str:
    """Record one attempt's outcome in its own transaction, if this worker still holds it."""
    message = outcome.message
    with transaction.atomic():
        if not _settle(message, lease, **outcome.changes):
            return _current(message)
        Attempt.objects.create(
            message=message,
            http_status=outcome.status,
            outcome=outcome.attempt,
            detail=outcome.detail,
        )
        if outcome.audit is not None:
            verb, payload = outcome.audit
            audit_record(
                verb=verb, subject=f"exchange/{message.pk}", actor="system", payload=payload
            )
        if message.state in (OutState.DELIVERED, OutState.REFUSED):
            settled.settle(message)
    return str(message.state)


def _current(message: OutboxMessage) -> str:
    return str(OutboxMessage.objects.values_list("state", flat=True).get(pk=message.pk))
