"""A delivery pass on PostgreSQL: claim its messages together, send them, record them together.

Per message the sweep used to run a claim UPDATE, then a transaction of its own for the outcome
(an UPDATE, the Attempt's INSERT, the audit event's INSERT, a commit and a ledger flush). A pass
now claims up to `limit` due messages in one `UPDATE … RETURNING` (rows another worker is
claiming at that moment are skipped, `SKIP LOCKED`), lets the sender threads POST them and read
the receipts, and writes every outcome in one transaction: an UPDATE per kind of outcome, one
INSERT of the attempts, one of the audit events, one commit, one ledger flush.

The guarantees are those of one message at a time. The claim is the lease: only rows still
`sending` under this pass's lease are written (a lease that ran out lets another worker take the
message; its outcome stands). Nothing is marked delivered before the receipt that says so is
verified; if the pass's transaction fails, each outcome is written on its own, and one that
still cannot be written stays `sending` until its lease runs out and is sent again (the peer
answers the repeat with its first receipt: nothing lost, nothing doubled).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from torturefree_service.audit.models import AuditEvent
from torturefree_service.audit.services import audit_record, event_type_for
from torturefree_service.exchange import settled
from torturefree_service.exchange.models import Attempt, OutboxMessage, OutState
from torturefree_service.exchange.outcomes import Outcome
from torturefree_service.exchange.senders import Round, Senders

log = logging.getLogger(__name__)
WriteOne = Callable[[Outcome, dt.datetime], str]
LAPSED = "the worker that claimed it stopped before an answer came: sending again"


def _claim_sql() -> str:
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    return f"""
        WITH due AS (
            SELECT id, state AS was FROM {table}
            WHERE (state = %s AND next_attempt_at <= %s) OR (state = %s AND claimed_until < %s)
            ORDER BY next_attempt_at LIMIT %s FOR UPDATE SKIP LOCKED
        )
        UPDATE {table} AS o SET state = %s, claimed_until = %s FROM due
        WHERE o.id = due.id RETURNING o.id, due.was"""  # noqa: S608 - our table name


def claim_due(limit: int) -> tuple[list[OutboxMessage], dt.datetime]:
    """Take up to `limit` due messages (oldest first) for one attempt each, under one lease."""
    now = timezone.now()
    lease = now + dt.timedelta(
        seconds=float(getattr(settings, "TORTUREFREE_EXCHANGE_LEASE_SECONDS", 60))
    )
    pending, sending = str(OutState.PENDING), str(OutState.SENDING)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_claim_sql(), [pending, now, sending, now, limit, sending, lease])
        was = {str(pk): state for pk, state in cursor.fetchall()}
        if not was:
            return [], lease
        rows = list(OutboxMessage.objects.filter(pk__in=list(was)).order_by("next_attempt_at"))
        # A worker that held one stopped (a crash, kill -9) before writing an outcome.
        Attempt.objects.bulk_create(
            Attempt(message=row, outcome="lapsed", detail=LAPSED)
            for row in rows
            if was[str(row.pk)] == sending
        )
    return rows, lease


def run_pass(pool: Senders, limit: int, write_one: WriteOne) -> Round:
    """One pass: claim, send on the pool's threads, record what came back."""
    rows, lease = claim_due(limit)
    if not rows:
        return Round()
    results = pool.results(rows)
    # A message whose thread failed outright (no outcome) keeps its claim: retried at its end.
    return record(
        [outcome for row in rows if (outcome := results.get(str(row.pk))) is not None],
        lease,
        write_one,
    )


def record(outcomes: list[Outcome], lease: dt.datetime, write_one: WriteOne) -> Round:
    """Write a pass's outcomes in one transaction; if that fails, each on its own."""
    if not outcomes:
        return Round()
    pristine = [dataclasses.replace(o, message=copy.copy(o.message)) for o in outcomes]
    try:
        with transaction.atomic():
            return _record_all(outcomes, lease)
    except Exception:
        log.exception("recording a pass of %d together failed: one by one", len(outcomes))
    done = Round()
    for outcome in pristine:
        try:
            done.count(str(outcome.message.pk), write_one(outcome, lease))
        except Exception:  # left `sending`: sent again once its lease runs out
            log.exception("recording %s failed", outcome.message.pk)
    return done


def _record_all(outcomes: list[Outcome], lease: dt.datetime) -> Round:
    ids = [o.message.pk for o in outcomes]
    held = set(
        OutboxMessage.objects.select_for_update()
        .filter(pk__in=ids, state=OutState.SENDING, claimed_until=lease)
        .values_list("pk", flat=True)
    )
    mine = [o for o in outcomes if o.message.pk in held]
    done = _lost(outcomes, held)
    _update(mine)
    Attempt.objects.bulk_create(
        Attempt(message=o.message, http_status=o.status, outcome=o.attempt, detail=o.detail)
        for o in mine
    )
    _audit_many(mine)
    for outcome in mine:
        if outcome.message.state in (OutState.DELIVERED, OutState.REFUSED):
            settled.settle(outcome.message)
        done.count(str(outcome.message.pk), str(outcome.message.state))
    return done


def _lost(outcomes: list[Outcome], held: set[Any]) -> Round:
    """Messages whose lease ran out and another worker took over: their state as it stands."""
    lost = [o.message.pk for o in outcomes if o.message.pk not in held]
    if lost:
        log.warning(
            "%d leases lost before the outcomes were written; left to their holders", len(lost)
        )
    states = OutboxMessage.objects.filter(pk__in=lost).values_list("pk", "state") if lost else []
    return Round({str(pk): str(state) for pk, state in states})


def _update(mine: list[Outcome]) -> None:
    """One UPDATE per kind of outcome (each kind changes the same fields)."""
    kinds: dict[tuple[str, ...], list[OutboxMessage]] = {}
    for outcome in mine:
        message = outcome.message
        # Only the claim's holder changes attempts: the count read at the claim is the one raised.
        message.claimed_until, message.attempts = None, message.attempts + 1
        for name, value in outcome.changes.items():
            setattr(message, name, value)
        kinds.setdefault(tuple(sorted(outcome.changes)), []).append(message)
    for fields, messages in kinds.items():
        OutboxMessage.objects.bulk_update(messages, [*fields, "claimed_until", "attempts"])


def _audit_many(mine: list[Outcome]) -> None:
    """The pass's audit events: the first through audit_record (which arranges the ledger flush
    after commit), the rest in one INSERT; the flush appends them all, in order."""
    events = [(o.audit, f"exchange/{o.message.pk}") for o in mine if o.audit is not None]
    if not events:
        return
    (verb, payload), subject = events[0]
    audit_record(verb=verb, subject=subject, actor="system", payload=payload)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            verb=verb,
            event_type=event_type_for(verb),
            subject=subject,
            actor="system",
            payload=payload,
        )
        for (verb, payload), subject in events[1:]
    )
