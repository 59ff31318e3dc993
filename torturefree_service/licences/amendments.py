"""Art. 21(5) modification of a licence's lines: quantities and values, as a new line version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from torturefree_service.errors import Conflict, Invalid
from torturefree_service.licences.models import Licence, LicenceLine
from torturefree_service.licences.services import _subject
from torturefree_service.licences.states import LICENCE
from torturefree_service.organisations.access import require_role
from torturefree_service.organisations.models import Person, Role
from torturefree_service.reporting.services import store_licence_lines
from torturefree_service.workflow.services import workflow_transition


def _line_change(line: LicenceLine, item: dict[str, Any], where: str) -> dict[str, Any] | None:
    """Validate one line's new quantity/value against what was already shipped under it."""
    quantity = Decimal(str(item.get("quantity", line.quantity)))
    value = Decimal(str(item.get("value", line.value)))
    if not quantity.is_finite() or quantity <= 0:
        raise Invalid("must be positive", field=f"{where}.quantity")
    if not value.is_finite():
        raise Invalid("must be a number", field=f"{where}.value")
    # The columns' precision, so what is audited is what is stored.
    quantity, value = quantity.quantize(Decimal("0.001")), value.quantize(Decimal("0.01"))
    if quantity < line.used_quantity:
        raise Conflict(
            f"line {line.line_no} already shipped {line.used_quantity} {line.unit}",
            field=f"{where}.quantity",
        )
    if value < line.used_value:
        raise Conflict(
            f"line {line.line_no} already shipped goods worth {line.used_value} {line.currency}",
            field=f"{where}.value",
        )
    if quantity == line.quantity and value == line.value:
        return None
    change = {
        "line_no": line.line_no,
        "from": {"quantity": str(line.quantity), "value": str(line.value)},
        "to": {"quantity": str(quantity), "value": str(value)},
    }
    line.quantity, line.value = quantity, value
    return change


@transaction.atomic
def licence_lines_modify(
    *,
    by: Person,
    licence: Licence,
    lines: list[dict[str, Any]],
    reason: str,
    today: dt.date | None = None,
) -> Licence:
    """Art. 21(5) modification of quantities or values; the lines' new set is a new version.

    Never below what was already shipped; a licence whose every line is then used up is
    exhausted.
    """
    require_role(by, Role.SENIOR_OFFICER)
    licence = Licence.objects.select_for_update().get(pk=licence.pk)
    LICENCE.target(licence.status, "modify")
    if not reason.strip():
        raise Invalid("give the reason", field="reason")
    if not lines:
        raise Invalid("at least one line", field="lines")
    by_no = {line.line_no: line for line in licence.lines.all()}
    changes = []
    for index, item in enumerate(lines):
        line = by_no.get(item.get("line_no"))  # type: ignore[arg-type]
        if line is None:
            raise Invalid("no such licence line", field=f"lines[{index}].line_no")
        change = _line_change(line, item, f"lines[{index}]")
        if change is not None:
            line.save(update_fields=["quantity", "value"])
            changes.append(change)
    if not changes:
        raise Invalid("nothing changes", field="lines")
    today = today or dt.date.today()
    licence.line_version += 1
    workflow_transition(
        obj=licence,
        machine=LICENCE,
        action="modify",
        actor=by.actor,
        subject=_subject(licence),
        extra_fields=("line_version",),
        payload={"lines": changes, "reason": reason, "line_version": licence.line_version},
    )
    store_licence_lines(licence=licence, version=licence.line_version, on=today)
    if all(line.used_quantity >= line.quantity for line in by_no.values()):
        workflow_transition(
            obj=licence,
            machine=LICENCE,
            action="exhaust",
            actor=by.actor,
            subject=_subject(licence),
        )
    return licence
