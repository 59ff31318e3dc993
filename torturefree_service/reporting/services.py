"""What `report annual` counts: rows for the records store, queued in the caller's transaction.

Called by the services that decide, change licences and record shipments; `store_flush` writes
the queued rows to torturefree.records' store (next to the ledger) after commit.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from pydantic import BaseModel

from torturefree.records import Records
from torturefree.records.model import Application as ApplicationRow
from torturefree.records.model import Decision as DecisionRow
from torturefree.records.model import DecisionOutcome
from torturefree.records.model import LicenceLine as LineRow
from torturefree.records.model import Shipment as ShipmentRow
from torturefree_service.applications.models import Application, CheckRun
from torturefree_service.audit.ledger import get_store
from torturefree_service.reporting import rows
from torturefree_service.reporting.models import StoreRow

if TYPE_CHECKING:
    from torturefree_service.cases.models import Decision as CaseDecision
    from torturefree_service.licences.models import Licence, Shipment

log = logging.getLogger(__name__)
_flush_lock = threading.Lock()

# Store table -> (row model, the Records list it goes into)
_TABLES: dict[str, tuple[type[BaseModel], str]] = {
    "application": (ApplicationRow, "applications"),
    "licence_line": (LineRow, "lines"),
    "decision": (DecisionRow, "decisions"),
    "shipment": (ShipmentRow, "shipments"),
}
# Art. 21(5) actions that the store knows as decisions; a reinstatement has no outcome there.
LICENCE_OUTCOMES = {
    "revoke": DecisionOutcome.REVOKED,
    "annul": DecisionOutcome.ANNULLED,
    "suspend": DecisionOutcome.SUSPENDED,
}


def _queue(table: str, key: str, row: BaseModel) -> None:
    StoreRow.objects.get_or_create(
        table=table, key=key, defaults={"row": row.model_dump(mode="json")}
    )


def _queue_lines(lines: Iterable[LineRow]) -> None:
    for line in lines:
        _queue("licence_line", f"{line.application_id}/{line.line_no}/v{line.version}", line)


def _write_after_commit() -> None:
    transaction.on_commit(_flush_quietly)


def store_application(*, application: Application, run: CheckRun | None) -> None:
    """On submit: the application, and its lines the checks placed under a list entry."""
    _queue("application", application.reference, rows.application_row(application))
    day = application.submitted_at.date() if application.submitted_at else dt.date.today()
    _queue_lines(
        rows.line_rows(application, application.lines.all(), rows.placed_lines(run), day=day)
    )
    _write_after_commit()


def store_decision(
    *,
    application: Application,
    decision: CaseDecision,
    licence: Licence | None = None,
) -> None:
    """A case's decision: lines placed since submit (officers' ratings), then the decision."""
    run = application.checks.first()
    _queue_lines(
        rows.line_rows(
            application,
            application.lines.all(),
            rows.placed_lines(run),
            day=decision.decided_on,
        )
    )
    if licence is not None:
        row = DecisionRow(
            decision_id=f"{application.reference}/decision/{decision.pk}",
            application_id=application.reference,
            licence_id=licence.number,
            decided_on=decision.decided_on,
            outcome=DecisionOutcome.ISSUED,
            line_version=1,
            valid_until=licence.valid_until,
            sensitive=decision.sensitive,
        )
    else:
        row = DecisionRow(
            decision_id=f"{application.reference}/decision/{decision.pk}",
            application_id=application.reference,
            decided_on=decision.decided_on,
            outcome=DecisionOutcome.REFUSED,
            refusal_ground=rows.refusal_ground(list(decision.reasons)),
            sensitive=decision.sensitive,
        )
    _queue("decision", row.decision_id, row)
    _write_after_commit()


def store_licence_decision(
    *, licence: Licence, outcome: DecisionOutcome, on: dt.date, line_version: int | None = None
) -> None:
    """A later decision on a licence: revoked, annulled, suspended or amended."""
    row = DecisionRow(
        decision_id=f"{licence.number}/{outcome.value}/{uuid.uuid4().hex[:12]}",
        application_id=licence.application.reference,
        licence_id=licence.number,
        decided_on=on,
        outcome=outcome,
        line_version=line_version,
        valid_until=licence.valid_until,
    )
    _queue("decision", row.decision_id, row)
    _write_after_commit()


def store_licence_lines(*, licence: Licence, version: int, on: dt.date) -> None:
    """An amendment writes the complete new set of lines as `version`, then `amended`."""
    application = licence.application
    placed = {line.line_no: {"id": line.entry_id} for line in licence.lines.all() if line.entry_id}
    _queue_lines(rows.line_rows(application, licence.lines.all(), placed, version=version, day=on))
    store_licence_decision(
        licence=licence, outcome=DecisionOutcome.AMENDED, on=on, line_version=version
    )


def store_shipments(*, licence: Licence, shipments: Iterable[Shipment]) -> None:
    for shipment in shipments:
        row = ShipmentRow(
            shipment_id=f"{licence.number}/{shipment.customs_reference}/{shipment.line.line_no}",
            application_id=licence.application.reference,
            line_no=shipment.line.line_no,
            shipped_on=shipment.shipped_on,
            quantity=float(shipment.quantity),
            value=float(shipment.value),
            customs_reference=shipment.customs_reference,
        )
        _queue("shipment", row.shipment_id, row)
    _write_after_commit()


def _flush_quietly() -> None:
    try:
        store_flush()
    except Exception:  # the rows stay pending; the next flush retries them
        log.exception("records store write failed; rows stay pending")


def store_flush(batch: int = 5000) -> int:
    """Write pending rows to the store in batches; returns how many were written."""
    written = 0
    with _flush_lock:
        while True:
            pending = list(StoreRow.objects.filter(written_at__isnull=True).order_by("id")[:batch])
            if not pending:
                return written
            records = Records()
            for item in pending:
                model, into = _TABLES[item.table]
                getattr(records, into).append(model.model_validate(item.row))
            get_store().write(records)
            StoreRow.objects.filter(pk__in=[item.pk for item in pending]).update(
                written_at=timezone.now()
            )
            written += len(pending)
