"""Applying a list release on the day: re-determine open cases and valid licences, and put each
whose answer changed in front of an officer with the old and new answer side by side.

Due when the law in force changes on the day, or on a day since the last run (an entry, set or
parameter version begins or ends: catalogue periods) or when the law in use is a release the application was not last
determined on. An open case gets a new check run (checks_redetermine: the officer's ratings
stay applied); a valid licence is re-determined without touching its closed case. Running twice
on one day does nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from torturefree.errors import InputError
from torturefree.paths import data_dir
from torturefree.rules import Engine
from torturefree_service.applications.models import Application, CheckRun
from torturefree_service.audit.services import audit_record
from torturefree_service.cases.models import Case
from torturefree_service.checks import engines
from torturefree_service.checks.rescreen_subjects import cases_licensed, cases_open
from torturefree_service.checks.services import _apply_not_controlled_ratings, checks_redetermine
from torturefree_service.checks.transaction import as_transaction
from torturefree_service.errors import ServiceError
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person
from torturefree_service.releases.compare import answer_changed, changed_lines
from torturefree_service.releases.models import ReleaseAlert, ReleaseApplication

FLAG = "release_change"


def current_engine() -> Engine:
    """The process's engine, rebuilt when the law in use moved to another loaded release."""
    if engines.catalogue().root != data_dir():
        engines.reset()
    return engines.engine()


def law_changes_on(engine: Engine, day: dt.date) -> bool:
    return engine.catalogue.period(day) != engine.catalogue.period(day - dt.timedelta(days=1))


def law_changed_since_last_run(engine: Engine, day: dt.date) -> bool:
    """Whether the law changed on a day after the last day applied, up to `day`: a worker that
    was down on the day catches up on the next run instead of missing the change."""
    last = (
        ReleaseApplication.objects.filter(day__lt=day)
        .order_by("-day")
        .values_list("day", flat=True)
    ).first()
    since = last if last is not None else day - dt.timedelta(days=1)
    return engine.catalogue.period(day) != engine.catalogue.period(since)


def releases_apply_due(
    day: dt.date | None = None, actor: str = "system", force: bool = False
) -> dict[str, Any]:
    """Re-determine what the law of `day` (default today) may change; alert on changed answers."""
    day = day or dt.date.today()
    engine = current_engine()
    release = engine.catalogue.release
    if not force and ReleaseApplication.objects.filter(release=release, day=day).exists():
        return {"release": release, "day": day.isoformat(), "already_applied": True, "alerts": []}
    everyone = force or law_changed_since_last_run(engine, day)
    alerts: list[ReleaseAlert] = []
    redetermined, errors = 0, list[dict[str, str]]()
    with transaction.atomic():
        for case in cases_open():
            if everyone or _last_release(case.application) != release:
                redetermined += 1
                alerts += _open_case(case, day, actor, errors)
        for case in cases_licensed():
            if everyone or _last_release(case.application) != release:
                redetermined += 1
                alerts += _licence(case, engine, day, errors)
        ReleaseApplication.objects.update_or_create(
            release=release,
            day=day,
            defaults={"redetermined": redetermined, "changed": len(alerts)},
        )
        for alert in alerts:
            _flag_and_audit(alert, actor)
    return {
        "release": release,
        "day": day.isoformat(),
        "law_changes_today": law_changes_on(engine, day),
        "redetermined": redetermined,
        "alerts": [alert_out(a) for a in alerts],
        "errors": errors,
    }


def _last_release(application: Application) -> str | None:
    run = application.checks.first()
    return run.data_release if run else None


def _open_case(
    case: Case, day: dt.date, actor: str, errors: list[dict[str, str]]
) -> list[ReleaseAlert]:
    previous = case.application.checks.first()
    try:
        run = checks_redetermine(application=case.application, actor=actor, day=day)
    except ServiceError as error:
        errors.append({"case": case.reference, "error": error.message})
        return []
    if previous is None or not answer_changed(previous.determination, run.determination):
        return []
    return _alert(case, None, previous, run.determination, day)


def _licence(
    case: Case, engine: Engine, day: dt.date, errors: list[dict[str, str]]
) -> list[ReleaseAlert]:
    application = case.application
    previous = application.checks.first()
    try:
        determination = engine.determine(as_transaction(application, day)).to_dict()
    except InputError as error:
        errors.append({"licence": application.licence.number, "error": error.message})
        return []
    _apply_not_controlled_ratings(application, determination)
    if previous is None or not answer_changed(previous.determination, determination):
        return []
    return _alert(case, application.licence, previous, determination, day)


def _alert(
    case: Case, licence: Any, previous: CheckRun, new: dict[str, Any], day: dt.date
) -> list[ReleaseAlert]:
    alert, made = ReleaseAlert.objects.get_or_create(
        case=case,
        licence=licence,
        new_release=new["data_release"],
        effective_on=day,
        defaults={
            "old_release": previous.data_release,
            "old_outcome": previous.outcome,
            "new_outcome": new["outcome"],
            "old_determination": previous.determination,
            "new_determination": new,
            "lines": changed_lines(previous.determination, new),
        },
    )
    return [alert] if made else []


def _flag_and_audit(alert: ReleaseAlert, actor: str) -> None:
    case = alert.case
    if alert.licence is None and FLAG not in case.flags:
        case.flags = sorted([*case.flags, FLAG])
        case.save(update_fields=["flags"])
    subject = f"licence/{alert.licence.number}" if alert.licence else f"case/{case.reference}"
    audit_record(
        verb="releases.apply",
        subject=subject,
        actor=actor,
        payload={
            "case": case.reference,
            "effective_on": alert.effective_on.isoformat(),
            "from": {"release": alert.old_release, "outcome": alert.old_outcome},
            "to": {"release": alert.new_release, "outcome": alert.new_outcome},
            "lines": alert.lines,
        },
    )


def release_alert_resolve(*, by: Person, alert: ReleaseAlert, note: str = "") -> ReleaseAlert:
    """An officer has seen the old and new answers; the flag goes with the case's last alert."""
    require_role(by, *CASEWORK)
    with transaction.atomic():
        alert.resolved_by, alert.resolved_at, alert.note = by, timezone.now(), note
        alert.save(update_fields=["resolved_by", "resolved_at", "note"])
        case = alert.case
        if FLAG in case.flags and not open_alerts(case):
            case.flags = [f for f in case.flags if f != FLAG]
            case.save(update_fields=["flags"])
        audit_record(
            verb="releases.alert_resolve",
            subject=f"case/{case.reference}",
            actor=by.actor,
            payload={"alert": alert.pk, "note": note},
        )
    return alert


def open_alerts(case: Case) -> list[ReleaseAlert]:
    return list(case.release_alerts.filter(resolved_at__isnull=True).select_related("licence"))


def alert_out(alert: ReleaseAlert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "case": alert.case.reference,
        "licence": alert.licence.number if alert.licence else None,
        "effective_on": alert.effective_on.isoformat(),
        "old": {"release": alert.old_release, "outcome": alert.old_outcome},
        "new": {"release": alert.new_release, "outcome": alert.new_outcome},
        "lines": alert.lines,
        "resolved": alert.resolved_at is not None,
    }
