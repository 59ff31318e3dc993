"""Case review (seed ¶111): intake from mechanisms, states and civil society, then the
secretariat's triage, assignment, evidence, findings and a published outcome.

Statuses move forward only: received -> triaged -> assigned -> findings -> published, or closed
(without publication) from any open status. Each step is a ReviewEvent and an audit_record,
which reaches the hash-chained ledger of #7 after commit. A refusal stores nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from torturefree.lists.countries import load_countries
from torturefree.paths import data_dir
from torturefree_service.audit.services import audit_record
from torturefree_service.errors import Conflict, Invalid, NotFound
from torturefree_service.hub.accountmodels import HubAccount
from torturefree_service.hub.casemodels import (
    SUBMITTER_KINDS,
    ReviewCase,
    ReviewEvent,
    ReviewEvidence,
)
from torturefree_service.ops.uploads import check_upload

EVIDENCE_KIND = "case_evidence"
MOST_FILES = 10
# Which statuses each step may start from, and where it leads.
STEPS: dict[str, tuple[tuple[str, ...], str]] = {
    "triage": (("received",), "triaged"),
    "assign": (("triaged", "assigned"), "assigned"),
    "finding": (("assigned", "findings"), "findings"),
    "publish": (("findings",), "published"),
    "close": (("received", "triaged", "assigned", "findings"), "closed"),
}
PRIORITIES = ("low", "normal", "high", "urgent")


@functools.cache
def _known_countries() -> frozenset[str]:
    return frozenset(load_countries(data_dir()).names)


def _text(data: dict[str, Any], field: str, most: int) -> str:
    value = str(data.get(field) or "").strip()
    if not value:
        raise Invalid("is required", field=field)
    if len(value) > most:
        raise Invalid(f"is at most {most} characters", field=field)
    return value


def _countries(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").replace(";", ",").split(",")
    codes = [str(c).strip().upper() for c in items if str(c).strip()]
    unknown = [c for c in codes if c not in _known_countries()]
    if unknown:
        raise Invalid(
            f"unknown ISO 3166-1 alpha-2 code(s): {', '.join(unknown)}", field="countries"
        )
    return sorted(set(codes))


def submit(
    data: dict[str, Any],
    files: Sequence[tuple[str, bytes]],
    *,
    via: str,
    account: HubAccount | None = None,
) -> ReviewCase:
    """Open a case from a form or the API (by an organisation `account`, whose name and kind
    it takes); raises Invalid/TooLarge/UnsupportedType naming the field, with nothing stored."""
    if account is not None:
        data = data | {"organisation": account.organisation}
        data["submitter_kind"] = account.organisation_kind
    title, summary = _text(data, "title", 200), _text(data, "summary", 20000)
    kind = str(data.get("submitter_kind") or "")
    if kind not in SUBMITTER_KINDS:
        raise Invalid(f"must be one of {', '.join(SUBMITTER_KINDS)}", field="submitter_kind")
    if len(files) > MOST_FILES:
        raise Invalid(f"at most {MOST_FILES} files", field="evidence")
    checked = [
        (name, content, check_upload(EVIDENCE_KIND, content, field=f"evidence[{i}]"))
        for i, (name, content) in enumerate(files)
    ]
    with transaction.atomic():
        case = ReviewCase.objects.create(
            receipt=f"HC-{secrets.token_hex(5).upper()}",
            title=title,
            summary=summary,
            submitter_kind=kind,
            organisation=str(data.get("organisation") or "").strip()[:200],
            contact=str(data.get("contact") or "").strip()[:200],
            identity_protected=bool(data.get("identity_protected", True)),
            countries=_countries(data.get("countries")),
            account=account,
        )
        by = account.actor if account is not None else "submitter"
        _event(case, "submit", by, "", "received", f"via {via}")
        for name, content, media_type in checked:
            _attach(case, name, content, media_type, by)
    return case


def _attach(case: ReviewCase, name: str, content: bytes, media_type: str, by: str) -> None:
    digest = hashlib.sha256(content).hexdigest()
    ReviewEvidence.objects.create(
        case=case,
        name=name[:200] or "attachment",
        media_type=media_type,
        size=len(content),
        sha256=digest,
        content=content,
        added_by=by,
    )
    _event(case, "evidence", by, case.status, case.status, f"{name} sha256 {digest}")


def _event(case: ReviewCase, action: str, actor: str, old: str, new: str, note: str) -> None:
    ReviewEvent.objects.create(
        case=case, action=action, actor=actor, from_status=old, to_status=new, note=note
    )
    audit_record(
        verb=f"review.{action}",
        subject=f"hub-case:{case.pk}",
        actor=actor,
        payload={"note": note},
        from_state=old,
        to_state=new,
    )


def case_by_number(number: int) -> ReviewCase:
    case = ReviewCase.objects.filter(pk=number).first()
    if case is None:
        raise NotFound(f"no case {number}", field="CASE")
    return case


def step(case: ReviewCase, action: str, *, by: str, **values: Any) -> ReviewCase:
    """One secretariat step (triage, assign, finding, publish, close) with its values."""
    if not by.strip():
        raise Invalid("names who acts", field="by")
    starts, leads = STEPS[action]
    with transaction.atomic():
        row = ReviewCase.objects.select_for_update().get(pk=case.pk)
        if row.status not in starts:
            raise Conflict(f"a {row.status} case cannot be {action}d", field="status")
        note = _apply(row, action, values)
        old, row.status = row.status, leads
        row.save()
        _event(row, action, by, old, leads, note)
    return row


def _apply(row: ReviewCase, action: str, values: dict[str, Any]) -> str:
    if action == "triage":
        priority = values.get("priority") or "normal"
        if priority not in PRIORITIES:
            raise Invalid(f"must be one of {', '.join(PRIORITIES)}", field="priority")
        row.priority, row.deadline = priority, values.get("deadline")
        return f"priority {priority}, deadline {row.deadline or 'none'}"
    if action == "assign":
        row.assignee = _text(values, "assignee", 200)
        return f"assigned to {row.assignee}"
    if action == "finding":
        row.findings = _text(values, "findings", 20000)
        return row.findings
    if action == "publish":
        row.outcome = _text(values, "outcome", 20000)
        row.published_at = timezone.now()
        return row.outcome
    return _text(values, "reason", 4000)


def add_evidence(case: ReviewCase, name: str, content: bytes, *, by: str) -> None:
    if case.status in ("published", "closed"):
        raise Conflict(f"a {case.status} case takes no more evidence", field="status")
    media_type = check_upload(EVIDENCE_KIND, content, field="file")
    with transaction.atomic():
        _attach(case, name, content, media_type, by)


def deadline(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise Invalid("is not a date (YYYY-MM-DD)", field="deadline") from error
