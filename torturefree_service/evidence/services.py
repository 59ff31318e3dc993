"""Evidence writes: create, update, review, withdraw and import, each recorded in the ledger.

Order inside each transaction: the Django rows and `audit_record` first, the store write last, so
a store failure rolls the audit event back and no change is left unrecorded.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction

from torturefree.errors import InputError
from torturefree.risk.evidence_io import read_evidence
from torturefree.risk.model import EvidenceItem
from torturefree_service.audit.services import audit_record
from torturefree_service.checks import engines
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.evidence.models import EvidenceReview
from torturefree_service.evidence.register import (
    build_item,
    check_text,
    country_code,
    current_item,
    derived_id,
    history_of,
    kind_rule,
    store,
)
from torturefree_service.evidence.verbs import register_verbs
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person

register_verbs()  # also done in AppConfig.ready; here too so a bare import of services works

IMPORT_SUFFIXES = {"csv": ".csv", "json": ".json", "jsonl": ".jsonl"}


def _subject(item_id: str) -> str:
    return f"evidence/{item_id}"


@transaction.atomic
def evidence_create(
    *, by: Person, data: dict[str, Any], reason: str, today: dt.date | None = None
) -> EvidenceItem:
    """Enter an item; without an id it gets the importer's derived id (409 if already entered)."""
    require_role(by, *CASEWORK)
    record = {**data, "country": country_code(str(data.get("country", "")))}
    if not record.get("id"):
        record["id"] = derived_id(record)
    item = build_item(record, today or dt.date.today())
    if history_of(item.id):
        raise Conflict(f"evidence item '{item.id}' is already in the register", field="id")
    audit_record(
        verb="evidence.create",
        subject=_subject(item.id),
        actor=by.actor,
        to_state="current",
        payload={
            "kind": item.kind.value,
            "weight": kind_rule(item).weight.value,
            "country": item.country,
            "reason": reason,
        },
    )
    store().save_item(item, actor=by.actor, reason=reason)
    return item


@transaction.atomic
def evidence_update(
    *,
    by: Person,
    item_id: str,
    changes: dict[str, Any],
    reason: str,
    today: dt.date | None = None,
) -> tuple[EvidenceItem, bool]:
    """Change fields of a current item; (item, False) and nothing recorded when nothing changed."""
    require_role(by, *CASEWORK)
    current = current_item(item_id)
    if "country" in changes:
        changes = {**changes, "country": country_code(str(changes["country"]))}
    record = {**current.model_dump(mode="json"), **changes, "id": current.id}
    item = build_item(record, today or dt.date.today())
    if item == current:
        return current, False
    changed = sorted(k for k in type(item).model_fields if getattr(item, k) != getattr(current, k))
    # Field names only: values may name end users, which the ledger does not need to carry.
    audit_record(
        verb="evidence.update",
        subject=_subject(item.id),
        actor=by.actor,
        payload={"changed": changed, "reason": reason},
    )
    store().save_item(item, actor=by.actor, reason=reason)
    return item, True


@transaction.atomic
def evidence_review(
    *,
    by: Person,
    item_id: str,
    next_review: dt.date,
    reviewed_on: dt.date | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> EvidenceReview:
    """Record that `by` reviewed the item on a day and when it is next due (a new version if the
    review date moves)."""
    require_role(by, *CASEWORK)
    today = today or dt.date.today()
    reviewed_on = reviewed_on or today
    check_text(note, "note")
    if reviewed_on > today:
        raise Invalid("a review cannot be recorded for a day after today", field="reviewed_on")
    if next_review <= reviewed_on:
        raise Invalid("the next review must be after the review", field="next_review")
    item = current_item(item_id)
    review = EvidenceReview.objects.create(
        item_id=item.id, reviewer=by, reviewed_on=reviewed_on, next_review=next_review, note=note
    )
    audit_record(
        verb="evidence.review",
        subject=_subject(item.id),
        actor=by.actor,
        payload={
            "reviewed_on": reviewed_on.isoformat(),
            "next_review": next_review.isoformat(),
            "previous_review_date": item.review_date.isoformat() if item.review_date else None,
            "note": note,
        },
    )
    if item.review_date != next_review:
        why = f"reviewed on {reviewed_on.isoformat()}; next review {next_review.isoformat()}"
        store().save_item(
            item.model_copy(update={"review_date": next_review}),
            actor=by.actor,
            reason=f"{why}: {note}" if note else why,
        )
    return review


@transaction.atomic
def evidence_withdraw(*, by: Person, item_id: str, reason: str) -> None:
    """Withdraw an item: findings stop showing it; its versions stay in the history."""
    require_role(by, *CASEWORK)
    item = current_item(item_id)
    audit_record(
        verb="evidence.withdraw",
        subject=_subject(item.id),
        actor=by.actor,
        from_state="current",
        to_state="withdrawn",
        payload={"reason": reason},
    )
    store().withdraw_item(item.id, actor=by.actor, reason=reason)


@transaction.atomic
def evidence_import(*, by: Person, fmt: str, content: str, reason: str) -> dict[str, Any]:
    """A CSV, JSON or JSON Lines upload, all or nothing: every record is checked before any is
    saved, and a bad one is named by line and field. Withdrawn items are not brought back."""
    require_role(by, *CASEWORK)
    items = _read_upload(fmt, content)
    current = {item.id: item for item in store().items()}
    added, changed, unchanged, withdrawn, to_save = [], [], 0, [], []
    for item in items:
        if item.id in current:
            if current[item.id] == item:
                unchanged += 1
                continue
            changed.append(item.id)
        elif history_of(item.id):
            # An officer withdrew it; a re-import of the source must not silently undo that.
            withdrawn.append(item.id)
            continue
        else:
            added.append(item.id)
        to_save.append(item)
    audit_record(
        verb="evidence.import",
        subject="evidence/import",
        actor=by.actor,
        payload={
            "format": fmt,
            "reason": reason,
            "added": added,
            "changed": changed,
            "unchanged": unchanged,
            "kept_withdrawn": withdrawn,
        },
    )
    if to_save:
        store().save_items(to_save, actor=by.actor, reason=reason)
    return {
        "added": added,
        "changed": changed,
        "unchanged": unchanged,
        "kept_withdrawn": withdrawn,
    }


def _read_upload(fmt: str, content: str) -> list[EvidenceItem]:
    """The core's reader on the uploaded text, so the service accepts exactly what the CLI does."""
    if fmt not in IMPORT_SUFFIXES:
        raise Invalid("must be csv, json or jsonl", field="format")
    if "\x00" in content:
        line = content[: content.index("\x00")].count("\n") + 1
        raise Invalid(f"line {line}: contains a NUL character", field="content")
    try:
        data = content.encode("utf-8")
    except UnicodeEncodeError as error:
        line = content[: error.start].count("\n") + 1
        raise Invalid(f"line {line}: not encodable as UTF-8", field="content") from error
    with tempfile.TemporaryDirectory(prefix="tf-evidence-") as folder:
        path = Path(folder) / f"upload{IMPORT_SUFFIXES[fmt]}"
        path.write_bytes(data)
        try:
            items = read_evidence(path, engines.risk_context().countries)
        except InputError as error:
            raise Invalid(_where(error), field=error.field or "content") from error
    if not items:
        raise Invalid("the upload holds no evidence items", field="content")
    late = [item.id for item in items if item.date > dt.date.today()]
    if late:
        raise Invalid(f"items dated after today: {', '.join(late[:5])}", field="date")
    return items


def _where(error: InputError) -> str:
    """The core's message without the temporary file's name: line and field are what matter."""
    parts = [f"line {error.line}"] if error.line is not None else []
    if error.field:
        parts.append(f"field '{error.field}'")
    return f"{', '.join(parts)}: {error.reason}" if parts else error.reason
