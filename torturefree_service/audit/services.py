"""audit_record: the one way a change is recorded; audit_flush appends pending events to the ledger."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection, transaction

from torturefree.records import EventType, NewEvent
from torturefree.records.group import GroupFlush
from torturefree_service.audit.ledger import get_ledger
from torturefree_service.audit.models import AuditEvent

log = logging.getLogger(__name__)

# The ledger's event vocabulary is closed (torturefree.records.EventType). Each verb names the
# type it should have; verbs whose type the ledger does not know yet fall back to the nearest
# one, the exact verb travelling in the payload (docs/service.md lists the types to add).
VERB_EVENT_TYPES: dict[str, tuple[str, EventType]] = {
    "application.submit": ("application_submitted", EventType.APPLICATION_SUBMITTED),
    "application.register": ("application_submitted", EventType.APPLICATION_SUBMITTED),
    "application.withdraw": ("application_withdrawn", EventType.APPLICATION_SUBMITTED),
    # No ledger type says 'superseded'; the verb travels in the payload.
    "application.supersede": ("application_withdrawn", EventType.APPLICATION_SUBMITTED),
    "application.amend": ("application_submitted", EventType.APPLICATION_SUBMITTED),
    "application.grant": ("decision_taken", EventType.DECISION_TAKEN),
    "application.refuse": ("decision_taken", EventType.DECISION_TAKEN),
    "application.first_use": ("gea_first_use_notified", EventType.APPLICATION_SUBMITTED),
    "checks.run": ("checks_run", EventType.CHECKS_RUN),
    "checks.rating_changed": ("rating_changed", EventType.CHECKS_RUN),
    "checks.disposition": ("disposition_recorded", EventType.DISPOSITION_RECORDED),
    "checks.rescreen": ("checks_run", EventType.CHECKS_RUN),
    "case.open": ("case_opened", EventType.APPLICATION_SUBMITTED),
    "case.assign": ("case_assigned", EventType.ADVICE_GIVEN),
    "case.ask": ("question_asked", EventType.ADVICE_GIVEN),
    "case.answer": ("question_answered", EventType.ADVICE_GIVEN),
    "case.note": ("note_added", EventType.ADVICE_GIVEN),
    "case.advise": ("advice_given", EventType.ADVICE_GIVEN),
    "case.return": ("case_returned", EventType.ADVICE_GIVEN),
    "case.decide": ("decision_taken", EventType.DECISION_TAKEN),
    "case.withdraw": ("case_withdrawn", EventType.DECISION_TAKEN),
    "case.consultation": ("consultation", EventType.CONSULTATION),
    "licence.issue": ("licence_issued", EventType.LICENCE_ISSUED),
    "licence.suspend": ("licence_suspended", EventType.LICENCE_SUSPENDED),
    "licence.reinstate": ("licence_reinstated", EventType.LICENCE_AMENDED),
    "licence.revoke": ("licence_revoked", EventType.LICENCE_REVOKED),
    "licence.annul": ("licence_annulled", EventType.LICENCE_ANNULLED),
    "licence.modify": ("licence_amended", EventType.LICENCE_AMENDED),
    "licence.extend": ("licence_amended", EventType.LICENCE_AMENDED),
    "licence.exhaust": ("licence_exhausted", EventType.LICENCE_AMENDED),
    "licence.expire": ("licence_expired", EventType.LICENCE_EXPIRED),
    "licence.shipment": ("shipment_recorded", EventType.SHIPMENT_RECORDED),
    "denial.notify": ("denial_notified", EventType.DENIAL_NOTIFIED),
    "denial.sent": ("denial_notified", EventType.DENIAL_NOTIFIED),
    "denial.import": ("denial_imported", EventType.DENIAL_NOTIFIED),
    "organisation.activate": ("organisation_vetted", EventType.DISPOSITION_RECORDED),
    "organisation.reject": ("organisation_vetted", EventType.DISPOSITION_RECORDED),
    "organisation.suspend": ("organisation_vetted", EventType.DISPOSITION_RECORDED),
    "organisation.submit": ("organisation_vetted", EventType.DISPOSITION_RECORDED),
    # Sign-ins refused after too many failures (ops/throttle.py, #19).
    "login.throttled": ("login_throttled", EventType.DISPOSITION_RECORDED),
    # The second factor (ops/otp.py, #19): enrolled, verified at sign-in, a wrong code, a
    # recovery code used, recovery codes renewed, removed.
    "otp.enrol": ("second_factor", EventType.DISPOSITION_RECORDED),
    "otp.verify": ("second_factor", EventType.DISPOSITION_RECORDED),
    "otp.fail": ("second_factor", EventType.DISPOSITION_RECORDED),
    "otp.recovery_used": ("second_factor", EventType.DISPOSITION_RECORDED),
    "otp.recovery_renew": ("second_factor", EventType.DISPOSITION_RECORDED),
    "otp.remove": ("second_factor", EventType.DISPOSITION_RECORDED),
    # Case review on the monitoring body's hub (hub/cases.py, #14).
    "review.submit": ("case_opened", EventType.CASE_OPENED),
    "review.evidence": ("note_added", EventType.NOTE_ADDED),
    "review.triage": ("case_assigned", EventType.CASE_ASSIGNED),
    "review.assign": ("case_assigned", EventType.CASE_ASSIGNED),
    "review.finding": ("advice_given", EventType.ADVICE_GIVEN),
    "review.publish": ("decision_taken", EventType.DECISION_TAKEN),
    "review.close": ("case_withdrawn", EventType.CASE_WITHDRAWN),
    "review.ask": ("question_asked", EventType.QUESTION_ASKED),
    "review.answer": ("question_answered", EventType.QUESTION_ANSWERED),
    # An account on the hub's pages made (hub/desk.py): who, with which role.
    "review.account": ("organisation_vetted", EventType.DISPOSITION_RECORDED),
    # Sign-ins to the hub's pages (hub/signins.py): in, refused on the password, out.
    "review.sign_in": ("signed_in", EventType.DISPOSITION_RECORDED),
    "review.sign_in_failed": ("sign_in_failed", EventType.DISPOSITION_RECORDED),
    "review.sign_out": ("signed_out", EventType.DISPOSITION_RECORDED),
}


def event_type_for(verb: str) -> str:
    wanted, fallback = VERB_EVENT_TYPES[verb]
    try:
        return EventType(wanted).value
    except ValueError:
        return fallback.value


def audit_record(
    *,
    verb: str,
    subject: str,
    actor: str,
    payload: dict[str, Any] | None = None,
    from_state: str = "",
    to_state: str = "",
) -> AuditEvent:
    """Record one event in the caller's transaction; it reaches the ledger after commit."""
    if verb not in VERB_EVENT_TYPES:
        raise ValueError(f"unknown audit verb '{verb}'")
    event = AuditEvent.objects.create(
        verb=verb,
        event_type=event_type_for(verb),
        subject=subject,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        payload=payload or {},
    )
    _flush_after_commit()
    return event


def _flush_after_commit() -> None:
    """One flush per transaction, however many events it records: a hook already registered
    counts only if no savepoint rollback can drop it without dropping this event too."""
    here = set(connection.savepoint_ids)
    hooks = connection.run_on_commit  # (savepoint ids, function, robust) each
    if not any(hook[1] is _flush_quietly and set(hook[0]) <= here for hook in hooks):
        transaction.on_commit(_flush_quietly)


def _flush_quietly() -> None:
    try:
        # Concurrent commits of this process share one flush (one lock, one chained append).
        _after_commit.request()
    except Exception:  # the events stay pending; the next flush retries them
        log.exception("ledger append failed; events stay pending")


def audit_flush(limit: int = 5000) -> int:
    """Append pending events to the ledger in order; returns how many were appended."""
    pending = list(AuditEvent.objects.filter(ledger_seq__isnull=True).order_by("id")[:limit])
    if not pending:
        return 0
    entries = get_ledger().append_many([_new_event(e) for e in pending])
    _mark_appended([(entry.seq, event.pk) for event, entry in zip(pending, entries, strict=True)])
    return len(pending)


def _mark_appended(seq_and_id: list[tuple[int, int]]) -> None:
    """Set each event's ledger_seq: one statement sent for all (psycopg pipelines
    executemany), in one transaction. A crash before it leaves them pending: the next flush
    finds their entries by idempotency key and adds nothing twice."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    sql = f"UPDATE {table} SET ledger_seq = %s WHERE id = %s"  # noqa: S608 - our table name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, seq_and_id)


_after_commit = GroupFlush(audit_flush)


def _new_event(event: AuditEvent) -> NewEvent:
    payload = {
        "verb": event.verb,
        "from": event.from_state,
        "to": event.to_state,
        "recorded_at": event.recorded_at.isoformat(),
        **event.payload,
    }
    return NewEvent(event.event_type, event.subject, event.actor, payload, str(event.key))


def audit_events(*, person: Any, subject: str | None = None) -> Any:
    """Audit events newest first, for auditors, senior officers and administrators (pages, #8)."""
    from torturefree_service.organisations.access import require_role
    from torturefree_service.organisations.models import Role

    require_role(person, Role.AUDITOR, Role.SENIOR_OFFICER, Role.ADMINISTRATOR)
    rows = AuditEvent.objects.order_by("-id")
    return rows.filter(subject=subject) if subject else rows


def ledger_verify(*, by: Any) -> Any:
    """Flush pending events, then walk the hash chain (auditors and administrators)."""
    from torturefree_service.organisations.access import require_role
    from torturefree_service.organisations.models import Role

    require_role(by, Role.AUDITOR, Role.ADMINISTRATOR)
    audit_flush()
    return get_ledger().verify()
