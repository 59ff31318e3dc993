"""Denial writes: our notifications (Art. 23(1)), imports of others', consultations, grant notices."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from django.conf import settings
from django.db import transaction

from torturefree_service.applications.models import Application, PartyRole
from torturefree_service.applications.types import TYPES, ApplicationType
from torturefree_service.audit.services import audit_record
from torturefree_service.checks import engines
from torturefree_service.denials.models import (
    Consultation,
    ConsultationAnswer,
    Denial,
    DenialKind,
    DenialMatch,
    Direction,
    GrantNotice,
)
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person
from torturefree_service.organisations.services import check_country

DEADLINE = "eu-2019-125-denial-notification-deadline"
IMPORT_FIELDS = (
    "issuing_state",
    "reference",
    "decided_on",
    "activity",
    "destination",
    "end_user_name",
    "end_user_country",
    "consignee_name",
    "goods_description",
    "entries",
    "reason_codes",
    "reason_text",
    "revoked",
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _deadline(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=int(engines.parameter(DEADLINE, day)))


def denial_from_refusal(*, application: Application, decision: Any, actor: str) -> Denial:
    run = application.checks.first()
    entries = sorted(
        {e["id"] for g in (run.determination["goods"] if run else []) for e in g.get("entries", [])}
    )
    end_user = application.parties.filter(role=PartyRole.END_USER).first()
    consignee = application.parties.filter(role=PartyRole.CONSIGNEE).first()
    denial = Denial.objects.create(
        direction=Direction.OUTGOING,
        kind=DenialKind.DISMISSAL,
        issuing_state=settings.TORTUREFREE_STATE,
        reference=application.reference,
        decided_on=decision.decided_on,
        activity=TYPES[ApplicationType(application.type)].activity.value,
        destination=application.destination,
        end_user_name=end_user.name if end_user else "",
        end_user_country=end_user.country if end_user else "",
        consignee_name=consignee.name if consignee else "",
        goods_description="; ".join(line.description for line in application.lines.all())[:2000],
        entries=entries,
        reason_codes=decision.reasons,
        reason_text=decision.text,
        application=application,
        notify_by=_deadline(decision.decided_on),
    )
    audit_record(
        verb="denial.notify",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor=actor,
        payload={
            "notify_by": _iso(denial.notify_by),
            "reasons": decision.reasons,
            "entries": entries,
        },
    )
    return denial


def denial_from_annulment(*, licence: Any, reason: str, actor: str, today: dt.date) -> Denial:
    application = licence.application
    denial = Denial.objects.create(
        direction=Direction.OUTGOING,
        kind=DenialKind.ANNULMENT,
        issuing_state=settings.TORTUREFREE_STATE,
        reference=licence.number,
        decided_on=today,
        activity=TYPES[ApplicationType(application.type)].activity.value,
        destination=licence.destination,
        entries=sorted({ln.entry_id for ln in licence.lines.all() if ln.entry_id}),
        reason_codes=["other"],
        reason_text=reason,
        application=application,
        notify_by=_deadline(today),
    )
    audit_record(
        verb="denial.notify",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor=actor,
        payload={"kind": "annulment", "notify_by": _iso(denial.notify_by)},
    )
    return denial


@transaction.atomic
def denial_mark_notified(*, by: Person, denial: Denial, on: dt.date | None = None) -> Denial:
    require_role(by, *CASEWORK)
    if denial.direction != Direction.OUTGOING:
        raise Conflict("only our own denials are notified", field="direction")
    if denial.notified_on is not None:
        raise Conflict("already notified", field="notified_on")
    denial.notified_on = on or dt.date.today()
    denial.save(update_fields=["notified_on"])
    audit_record(
        verb="denial.sent",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor=by.actor,
        payload={
            "notified_on": denial.notified_on.isoformat(),
            "late": denial.notified_on > (denial.notify_by or denial.notified_on),
        },
    )
    return denial


def _rows(fmt: str, text: str) -> list[dict[str, Any]]:
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise Invalid(f"not JSON ({error.msg})", field="content") from error
        rows = data if isinstance(data, list) else [data]
        if not all(isinstance(r, dict) for r in rows):
            raise Invalid("a JSON object or a list of objects", field="content")
        return rows
    if fmt == "csv":
        # newline="" as the csv module asks: a carriage return inside a row is csv's to read.
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            return list(reader)
        except csv.Error as error:
            raise Invalid(
                f"not CSV at line {reader.line_num} ({error})", field="content"
            ) from error
    raise Invalid("must be csv or json", field="format")


def _listing(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace(";", "|").split("|") if v.strip()]


def _clean(row: dict[str, Any], n: int) -> dict[str, Any]:
    where = f"rows[{n}]"
    unknown = set(row) - set(IMPORT_FIELDS)
    if unknown:
        raise Invalid(f"unknown columns {sorted(unknown)}", field=where)
    reference = str(row.get("reference") or "").strip()
    if not reference:
        raise Invalid("required", field=f"{where}.reference")
    try:
        decided_on = dt.date.fromisoformat(str(row.get("decided_on") or ""))
    except ValueError as error:
        raise Invalid("a date YYYY-MM-DD is required", field=f"{where}.decided_on") from error
    state = check_country(row.get("issuing_state"), f"{where}.issuing_state")
    if state == settings.TORTUREFREE_STATE:
        raise Invalid("our own denials are not imported", field=f"{where}.issuing_state")
    end_user_country = row.get("end_user_country") or ""
    return {
        "issuing_state": state,
        "reference": reference[:64],
        "decided_on": decided_on,
        "activity": str(row.get("activity") or "export")[:24],
        "destination": check_country(row.get("destination"), f"{where}.destination"),
        "end_user_name": str(row.get("end_user_name") or "")[:200],
        "end_user_country": check_country(end_user_country, f"{where}.end_user_country")
        if end_user_country
        else "",
        "consignee_name": str(row.get("consignee_name") or "")[:200],
        "goods_description": str(row.get("goods_description") or ""),
        "entries": _listing(row.get("entries")),
        "reason_codes": _listing(row.get("reason_codes")),
        "reason_text": str(row.get("reason_text") or ""),
        "revoked": str(row.get("revoked") or "").lower() in ("1", "true", "yes"),
    }


@transaction.atomic
def denial_import(*, by: Person, fmt: str, content: str) -> dict[str, int]:
    """Other states' denial notifications (CSV or JSON); all rows are checked before any is stored."""
    require_role(by, *CASEWORK)
    cleaned = [_clean(row, n) for n, row in enumerate(_rows(fmt, content))]
    created = updated = 0
    for row in cleaned:
        _, was_created = Denial.objects.update_or_create(
            issuing_state=row["issuing_state"],
            reference=row["reference"],
            defaults={**row, "direction": Direction.INCOMING},
        )
        created += was_created
        updated += not was_created
    audit_record(
        verb="denial.import",
        subject="denials/incoming",
        actor=by.actor,
        payload={"format": fmt, "created": created, "updated": updated},
    )
    return {"created": created, "updated": updated}


@transaction.atomic
def consultation_record(
    *, by: Person, match: DenialMatch, answer: str, notes: str = "", today: dt.date | None = None
) -> Consultation:
    """Art. 23(2): what the authority that denied said; a grant waits for this record."""
    require_role(by, *CASEWORK)
    if answer not in {a.value for a in ConsultationAnswer}:
        raise Invalid(
            f"must be one of {', '.join(a.value for a in ConsultationAnswer)}", field="answer"
        )
    if hasattr(match, "consultation"):
        raise Conflict("this consultation is recorded", field="match")
    consultation = Consultation.objects.create(
        match=match,
        consulted_state=match.denial.issuing_state,
        answer=answer,
        notes=notes,
        recorded_by=by,
        recorded_on=today or dt.date.today(),
    )
    audit_record(
        verb="case.consultation",
        subject=f"case/{match.application.reference}",
        actor=by.actor,
        payload={
            "denial": f"{match.denial.issuing_state}/{match.denial.reference}",
            "answer": answer,
        },
    )
    return consultation


def grant_notices_for(
    *, application: Application, licence: Any, reasons: str, today: dt.date, actor: str
) -> list[GrantNotice]:
    """Art. 23(3): granting after a consultation is notified at once, with the reasons."""
    notices = []
    for match in application.denial_matches.select_related("denial"):
        notices.append(
            GrantNotice.objects.create(
                application=application, denial=match.denial, reasons=reasons, due_on=today
            )
        )
        audit_record(
            verb="denial.notify",
            subject=f"licence/{licence.number}",
            actor=actor,
            payload={
                "kind": "grant_despite_denial",
                "denial": f"{match.denial.issuing_state}/{match.denial.reference}",
                "reasons": reasons,
            },
        )
    return notices
