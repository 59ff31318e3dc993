"""Licence writes: issue with validity from law data, Art. 21(5) actions, extensions, shipments."""

from __future__ import annotations

import calendar
import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.db import transaction

from torturefree_service.applications.models import Application
from torturefree_service.applications.types import TYPES, ApplicationType, LicenceKind
from torturefree_service.audit.services import audit_record
from torturefree_service.checks import engines
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.licences.models import Licence, LicenceLine, LicenceStatus, Shipment
from torturefree_service.licences.states import LICENCE
from torturefree_service.organisations.access import (
    CASEWORK,
    require_role,
    require_same_organisation,
)
from torturefree_service.organisations.models import Person, Role
from torturefree_service.workflow.services import workflow_transition

VALIDITY = {
    LicenceKind.INDIVIDUAL: "eu-2019-125-individual-authorisation-validity",
    LicenceKind.GLOBAL: "eu-2019-125-global-authorisation-validity",
}


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def validity_bounds(kind: LicenceKind, on: dt.date) -> tuple[int, int, int]:
    """(min, max, extension max) in months, from data/parameters (Art. 21(1))."""
    value: Any = engines.parameter(VALIDITY[kind], on)
    factor = 12 if kind == LicenceKind.GLOBAL else 1  # global validity is given in years
    return value["min"] * factor, value["max"] * factor, value["extension_max"] * factor


def _subject(licence: Licence) -> str:
    return f"licence/{licence.number}"


def licence_issue(
    *,
    by: Person,
    application: Application,
    conditions: str = "",
    validity_months: int | None,
    today: dt.date,
) -> Licence:
    manifest = TYPES[ApplicationType(application.type)]
    kind = manifest.licence_kind or LicenceKind.INDIVIDUAL
    low, high, _ = validity_bounds(kind, today)
    months = validity_months or application.requested_validity_months or high
    if not low <= months <= high:
        raise Invalid(
            f"validity must be {low} to {high} months for a {kind} authorisation (Art. 21(1))",
            field="validity_months",
        )
    run = application.checks.first()
    licence = Licence.objects.create(
        number=f"pending-{secrets.token_hex(6)}",
        application=application,
        organisation=application.organisation,
        kind=kind,
        issued_by=by,
        issued_on=today,
        valid_until=add_months(today, months) - dt.timedelta(days=1),
        conditions=conditions,
        destination=application.destination,
        verification_code=secrets.token_hex(8).upper(),
        data_release=run.data_release if run else "",
        citation=manifest.citation,
    )
    licence.number = f"{application.reference.replace('TF-', 'LIC-')}"
    licence.save(update_fields=["number"])
    entries = {
        g["index"] + 1: g.get("entries", []) for g in (run.determination["goods"] if run else [])
    }
    for line in application.lines.all():
        found = entries.get(line.line_no) or [{}]
        LicenceLine.objects.create(
            licence=licence,
            line_no=line.line_no,
            description=line.description,
            entry_id=found[0].get("id", ""),
            cn_code=line.cn_code,
            quantity=line.quantity,
            unit=line.unit,
            value=line.value,
            currency=line.currency,
        )
    audit_record(
        verb="licence.issue",
        subject=_subject(licence),
        actor=by.actor,
        to_state=licence.status,
        payload={
            "application": application.reference,
            "valid_until": licence.valid_until.isoformat(),
            "months": months,
            "kind": kind,
            "expires_on": licence.valid_until.isoformat(),
        },
    )
    return licence


@transaction.atomic
def licence_act(
    *, by: Person, licence: Licence, action: str, reason: str, today: dt.date | None = None
) -> Licence:
    """Suspend, reinstate, revoke or annul (Art. 21(5)); an annulment is notified (Art. 23(1))."""
    from torturefree_service.denials.services import denial_from_annulment
    from torturefree_service.exchange import casework
    from torturefree_service.reporting.services import LICENCE_OUTCOMES, store_licence_decision

    require_role(by, Role.SENIOR_OFFICER)
    if action not in ("suspend", "reinstate", "revoke", "annul"):
        raise Invalid("must be suspend, reinstate, revoke or annul", field="action")
    if not reason.strip():
        raise Invalid("give the reason", field="reason")
    workflow_transition(
        obj=licence,
        machine=LICENCE,
        action=action,
        actor=by.actor,
        subject=_subject(licence),
        payload={"reason": reason},
    )
    today = today or dt.date.today()
    if action == "annul":
        denial = denial_from_annulment(licence=licence, reason=reason, actor=by.actor, today=today)
        casework.on_denial(denial=denial, actor=by.actor)
    if action in LICENCE_OUTCOMES:
        store_licence_decision(licence=licence, outcome=LICENCE_OUTCOMES[action], on=today)
    return licence


@transaction.atomic
def licence_modify(*, by: Person, licence: Licence, conditions: str) -> Licence:
    require_role(by, Role.SENIOR_OFFICER)
    previous = licence.conditions
    licence.conditions = conditions
    workflow_transition(
        obj=licence,
        machine=LICENCE,
        action="modify",
        actor=by.actor,
        subject=_subject(licence),
        extra_fields=("conditions",),
        payload={"conditions": {"from": previous, "to": conditions}},
    )
    return licence


@transaction.atomic
def licence_extend(*, by: Person, licence: Licence, months: int) -> Licence:
    """Extend within the law's limit (individual: 12 months; global: 2 years)."""
    require_role(by, Role.SENIOR_OFFICER)
    _, _, most = validity_bounds(LicenceKind(licence.kind), licence.issued_on)
    if months < 1 or licence.extended_months + months > most:
        raise Invalid(
            f"extensions add up to at most {most} months (Art. 21(1)); "
            f"{licence.extended_months} used",
            field="months",
        )
    licence.extended_months += months
    licence.valid_until = add_months(licence.valid_until, months)
    workflow_transition(
        obj=licence,
        machine=LICENCE,
        action="extend",
        actor=by.actor,
        subject=_subject(licence),
        extra_fields=("extended_months", "valid_until"),
        payload={
            "months": months,
            "valid_until": licence.valid_until.isoformat(),
            "expires_on": licence.valid_until.isoformat(),
        },
    )
    return licence


def licence_expire_due(*, today: dt.date | None = None, actor: str = "system") -> int:
    """Expire every live licence past its validity; returns how many."""
    today = today or dt.date.today()
    count = 0
    for licence in Licence.objects.filter(
        status__in=[LicenceStatus.ISSUED, LicenceStatus.SUSPENDED], valid_until__lt=today
    ):
        with transaction.atomic():
            workflow_transition(
                obj=licence,
                machine=LICENCE,
                action="expire",
                actor=actor,
                subject=_subject(licence),
            )
        count += 1
    return count


@transaction.atomic
def shipment_record(
    *,
    by: Person,
    licence: Licence,
    customs_reference: str,
    shipped_on: dt.date,
    lines: list[dict[str, Any]],
) -> dict[str, Any]:
    """Draw down licence lines; the same customs reference again changes nothing (idempotent)."""
    from torturefree_service.exchange.holds import shipment_hold
    from torturefree_service.reporting.services import store_shipments

    require_role(by, Role.TRADER, *CASEWORK)
    require_same_organisation(by, licence.organisation_id)
    licence = Licence.objects.select_for_update().get(pk=licence.pk)
    reference = customs_reference.strip()
    if not reference:
        raise Invalid("required", field="customs_reference")
    if Shipment.objects.filter(licence=licence, customs_reference=reference).exists():
        return {"already_recorded": True, "licence": licence}
    if licence.status != LicenceStatus.ISSUED:
        raise Conflict(f"the licence is {licence.status}", field="status")
    hold = shipment_hold(licence, dt.date.today())
    if hold is not None:
        raise Conflict(hold["message"], field="licence", code=hold["code"])
    if not licence.issued_on <= shipped_on <= licence.valid_until:
        raise Conflict("shipped outside the licence's validity", field="shipped_on")
    if not lines:
        raise Invalid("at least one line", field="lines")
    by_no = {line.line_no: line for line in licence.lines.all()}
    recorded = []
    for index, item in enumerate(lines):
        line = by_no.get(item.get("line_no"))  # type: ignore[arg-type]
        if line is None:
            raise Invalid("no such licence line", field=f"lines[{index}].line_no")
        quantity = Decimal(str(item.get("quantity", 0)))
        value = Decimal(str(item.get("value", 0)))
        if quantity <= 0:
            raise Invalid("must be positive", field=f"lines[{index}].quantity")
        if line.used_quantity + quantity > line.quantity:
            raise Conflict(
                f"line {line.line_no} has {line.quantity - line.used_quantity} {line.unit} left",
                field=f"lines[{index}].quantity",
            )
        line.used_quantity += quantity
        line.used_value += value
        line.save(update_fields=["used_quantity", "used_value"])
        recorded.append(
            Shipment.objects.create(
                licence=licence,
                line=line,
                customs_reference=reference,
                shipped_on=shipped_on,
                quantity=quantity,
                value=value,
                recorded_by=by,
            )
        )
    store_shipments(licence=licence, shipments=recorded)
    audit_record(
        verb="licence.shipment",
        subject=_subject(licence),
        actor=by.actor,
        payload={
            "customs_reference": reference,
            "shipped_on": shipped_on.isoformat(),
            "lines": [
                {"line_no": i.get("line_no"), "quantity": str(i.get("quantity"))} for i in lines
            ],
        },
    )
    if all(line.used_quantity >= line.quantity for line in by_no.values()):
        workflow_transition(
            obj=licence,
            machine=LICENCE,
            action="exhaust",
            actor=by.actor,
            subject=_subject(licence),
        )
    return {"already_recorded": False, "licence": licence}
