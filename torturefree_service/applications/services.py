"""Application writes: create and edit drafts, upload documents, submit (checks, case), withdraw."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from torturefree.vocabulary import EndUse
from torturefree_service.applications.models import (
    Application,
    ApplicationStatus,
    Document,
    DocumentKind,
    GoodsLine,
    Party,
    PartyRole,
)
from torturefree_service.applications.states import APPLICATION
from torturefree_service.applications.types import TYPES, ApplicationType
from torturefree_service.audit.services import audit_record
from torturefree_service.checks import engines
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.ops.uploads import check_upload
from torturefree_service.organisations.access import require_role, require_same_organisation
from torturefree_service.organisations.models import Person, Role
from torturefree_service.organisations.services import check_country, require_active
from torturefree_service.workflow.services import workflow_transition

EDITABLE = (
    "origin",
    "destination",
    "transit_countries",
    "goods_location",
    "end_use",
    "end_use_detail",
    "distributor_arrangements",
    "requested_validity_months",
)
FIRST_USE = "eu-2019-125-gea-first-use-notice"


def _decimal(value: Any, field: str, minimum: Decimal = Decimal(0)) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise Invalid("must be a number", field=field) from error
    if not number.is_finite() or number < minimum or number > Decimal("1e12"):
        raise Invalid(f"must be a number from {minimum} up to 10^12", field=field)
    return number


def _text(value: Any, field: str, limit: int, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise Invalid("required", field=field)
    if len(text) > limit:
        raise Invalid(f"at most {limit} characters", field=field)
    return text


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in EDITABLE:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if key in ("origin", "destination"):
            value = check_country(value, key)
        elif key == "transit_countries":
            value = [check_country(c, f"transit_countries[{i}]") for i, c in enumerate(value)]
        elif key == "end_use":
            if value not in {e.value for e in EndUse}:
                raise Invalid(f"unknown end use '{value}'", field="end_use")
        elif key == "requested_validity_months":
            value = int(_decimal(value, key, Decimal(1)))
        else:
            value = _text(value, key, 5000)
        out[key] = value
    return out


def _lines(application: Application, lines: list[dict[str, Any]], fresh: bool = False) -> None:
    """The draft's lines replaced by these (a new draft has none to delete)."""
    if not fresh:
        application.lines.all().delete()
    rows = []
    for index, line in enumerate(lines):
        where = f"lines[{index}]"
        rows.append(
            GoodsLine(
                application=application,
                line_no=index + 1,
                description=_text(line.get("description"), f"{where}.description", 2000, True),
                cn_code=_text(line.get("cn_code"), f"{where}.cn_code", 16),
                cas=_text(line.get("cas"), f"{where}.cas", 16),
                entry_id=_text(line.get("entry_id"), f"{where}.entry_id", 120),
                quantity=_decimal(line.get("quantity"), f"{where}.quantity", Decimal("0.001")),
                unit=_text(line.get("unit") or "pieces", f"{where}.unit", 16),
                value=_decimal(line.get("value") or 0, f"{where}.value"),
                currency=_text(line.get("currency") or "EUR", f"{where}.currency", 3).upper(),
            )
        )
    GoodsLine.objects.bulk_create(rows)


def _parties(application: Application, parties: list[dict[str, Any]], fresh: bool = False) -> None:
    if not fresh:
        application.parties.all().delete()
    roles = {r.value for r in PartyRole}
    rows = []
    for index, party in enumerate(parties):
        where = f"parties[{index}]"
        if party.get("role") not in roles:
            raise Invalid(f"role must be one of {', '.join(sorted(roles))}", field=f"{where}.role")
        rows.append(
            Party(
                application=application,
                role=party["role"],
                name=_text(party.get("name"), f"{where}.name", 200, True),
                country=check_country(party.get("country"), f"{where}.country"),
                address=_text(party.get("address"), f"{where}.address", 1000),
                type=_text(party.get("type"), f"{where}.type", 40),
                schema="Person" if party.get("schema") == "Person" else "Organization",
            )
        )
    Party.objects.bulk_create(rows)


@transaction.atomic
def application_create(*, by: Person, type: str, data: dict[str, Any]) -> Application:
    """A draft for the trader's organisation; lines and parties may come now or later."""
    require_role(by, Role.TRADER)
    if type not in {t.value for t in ApplicationType}:
        raise Invalid(f"unknown application type '{type}'", field="type")
    assert by.organisation is not None
    fields = _fields(data)
    if "destination" not in fields:
        raise Invalid("required", field="destination")
    application = Application.objects.create(
        reference=f"draft-{uuid.uuid4().hex[:12]}",
        organisation=by.organisation,
        created_by=by,
        type=type,
        **fields,
    )
    application.reference = f"TF-{timezone.now().year}-{application.pk:06d}"
    application.save(update_fields=["reference"])
    _lines(application, list(data.get("lines") or []), fresh=True)
    _parties(application, list(data.get("parties") or []), fresh=True)
    return application


@transaction.atomic
def application_update(
    *, by: Person, application: Application, data: dict[str, Any]
) -> Application:
    """Drafts only: submitted records never change in place."""
    require_role(by, Role.TRADER)
    require_same_organisation(by, application.organisation_id)
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict("only a draft can be edited", field="status")
    for key, value in _fields(data).items():
        setattr(application, key, value)
    application.save()
    if data.get("lines") is not None:
        _lines(application, list(data["lines"]))
    if data.get("parties") is not None:
        _parties(application, list(data["parties"]))
    return application


def document_upload(
    *,
    by: Person,
    application: Application,
    kind: str,
    filename: str,
    content_type: str,
    content: bytes,
) -> Document:
    require_role(by, Role.TRADER)
    require_same_organisation(by, application.organisation_id)
    if kind not in {k.value for k in DocumentKind}:
        raise Invalid(f"unknown document kind '{kind}'", field="kind")
    if not content:
        raise Invalid("the file is empty", field="file")
    # Size and type by the kind's rule, the type read from the content (#19); nothing is
    # written for a refused file. The client's content type is not trusted.
    content_type = check_upload(kind, content)
    digest = hashlib.sha256(content).hexdigest()
    folder = Path(settings.MEDIA_ROOT) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / digest).write_bytes(content)
    return Document.objects.create(
        application=application,
        kind=kind,
        filename=_text(filename, "filename", 200) or "upload",
        content_type=content_type[:100],
        size=len(content),
        sha256=digest,
        path=f"documents/{digest}",
    )


def _check_complete(application: Application) -> None:
    manifest = TYPES[ApplicationType(application.type)]
    if application.organisation.kind not in manifest.applicants:
        raise Conflict(
            f"a {application.organisation.kind} cannot apply for {application.type} "
            f"(applicants: {', '.join(manifest.applicants)}; {manifest.citation})",
            field="type",
        )
    if not application.lines.exists():
        raise Invalid("at least one goods line is required", field="lines")
    roles = set(application.parties.values_list("role", flat=True))
    for role in manifest.required_parties:
        if role not in roles:
            raise Invalid(f"a party with role '{role}' is required", field="parties")
    if manifest.needs_goods_location and not application.goods_location:
        raise Invalid("brokering needs the goods' location (Art. 20(7))", field="goods_location")
    if manifest.museum and application.end_use != EndUse.MUSEUM_DISPLAY:
        raise Invalid("museum derogations are for museum display only", field="end_use")
    _refuse_prohibited(application)


def _refuse_prohibited(application: Application) -> None:
    """Safe submit (#20): a line the law prohibits is refused unless a derogation applies.

    The determination's own clauses decide: for museum display (Art. 3(2), 4(2), 5(2)) the
    Annex II tables answer "licence required", otherwise "prohibited" with Art. 3(1), 4(1), 5(1).
    """
    from torturefree.errors import InputError
    from torturefree_service.checks.transaction import as_transaction

    try:
        determined = engines.engine().determine(as_transaction(application, dt.date.today()))
    except InputError:
        return  # the checks on submit name the bad input
    for good in determined.to_dict()["goods"]:
        if good["outcome"] != "prohibited":
            continue
        why = "; ".join(str(r["citation"]) for r in good.get("reasons", []))
        raise Conflict(
            f"line {good['index'] + 1} is prohibited ({why}): remove it, or, if the goods are "
            "for public display in a museum in view of their historic significance, apply for "
            "a museum authorisation (Regulation (EU) 2019/125, Art. 3(2), 4(2), 5(2))",
            field=f"lines[{good['index']}]",
            code="prohibited_line",
        )


@transaction.atomic
def application_submit(*, by: Person, application: Application) -> Application:
    """Check completeness, run the checks, open a case (or register a general authorisation)."""
    from torturefree_service.cases.services import case_open
    from torturefree_service.checks.services import checks_run
    from torturefree_service.reporting.services import store_application

    require_role(by, Role.TRADER)
    require_same_organisation(by, application.organisation_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    require_active(application.organisation)
    if not APPLICATION.allows(application.status, "submit"):
        APPLICATION.target(application.status, "submit")
    _check_complete(application)
    manifest = TYPES[ApplicationType(application.type)]
    subject = f"application/{application.reference}"
    application.submitted_at = timezone.now()
    if not manifest.needs_case:
        run = checks_run(application=application, actor=by.actor)
        if application.organisation.gea_barred:
            raise Conflict(
                "the authority has barred this exporter from the general authorisation"
                " (Art. 20(1))",
                field="organisation",
            )
        if run.outcome != "general_authorisation":
            raise Conflict(
                f"the general authorisation does not cover this ({run.outcome})", field="lines"
            )
        workflow_transition(
            obj=application,
            machine=APPLICATION,
            action="register",
            actor=by.actor,
            subject=subject,
            extra_fields=("submitted_at",),
        )
        return application
    workflow_transition(
        obj=application,
        machine=APPLICATION,
        action="submit",
        actor=by.actor,
        subject=subject,
        extra_fields=("submitted_at",),
        payload={"type": application.type, "destination": application.destination},
    )
    run = checks_run(application=application, actor=by.actor)
    case_open(application=application, run=run, actor=by.actor)
    store_application(application=application, run=run)
    return application


@transaction.atomic
def application_withdraw(*, by: Person, application: Application) -> Application:
    from torturefree_service.cases.services import case_withdraw

    require_role(by, Role.TRADER)
    require_same_organisation(by, application.organisation_id)
    workflow_transition(
        obj=application,
        machine=APPLICATION,
        action="withdraw",
        actor=by.actor,
        subject=f"application/{application.reference}",
    )
    if hasattr(application, "case"):
        case_withdraw(case=application.case, actor=by.actor)
    return application


@transaction.atomic
def application_first_use(
    *, by: Person, application: Application, first_used_on: dt.date
) -> dict[str, Any]:
    """Annex V Part 3: the first export under the general authorisation is notified in time."""
    require_role(by, Role.TRADER)
    require_same_organisation(by, application.organisation_id)
    if application.status != ApplicationStatus.REGISTERED:
        raise Conflict("only a registered general authorisation has a first use", field="status")
    if application.first_use_notified_on is not None:
        raise Conflict("first use was already notified", field="first_used_on")
    today = dt.date.today()
    if first_used_on > today:
        raise Invalid("cannot be in the future", field="first_used_on")
    days = int(engines.parameter(FIRST_USE, first_used_on))
    due = first_used_on + dt.timedelta(days=days)
    application.first_use_on = first_used_on
    application.first_use_notified_on = today
    application.save(update_fields=["first_use_on", "first_use_notified_on"])
    late = today > due
    audit_record(
        verb="application.first_use",
        subject=f"application/{application.reference}",
        actor=by.actor,
        payload={"first_used_on": first_used_on.isoformat(), "due": due.isoformat(), "late": late},
    )
    return {"first_used_on": first_used_on, "due": due, "late": late}
