"""The service's records as the store's rows (torturefree.records.model), validated when built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from torturefree.records.model import (
    Application as ApplicationRow,
)
from torturefree.records.model import (
    EndUserCategory,
    LicenceType,
    RefusalGround,
)
from torturefree.records.model import (
    LicenceLine as LineRow,
)
from torturefree_service.applications.models import Application, CheckRun, GoodsLine, PartyRole
from torturefree_service.applications.types import TYPES, ApplicationType, LicenceKind
from torturefree_service.checks import engines

# Words traders write as the end user's type, folded to the categories states report.
_END_USER_WORDS: tuple[tuple[str, EndUserCategory], ...] = (
    ("prison", EndUserCategory.PRISON_SERVICE),
    ("correction", EndUserCategory.PRISON_SERVICE),
    ("police", EndUserCategory.POLICE),
    ("law_enforcement", EndUserCategory.POLICE),
    ("military", EndUserCategory.MILITARY),
    ("army", EndUserCategory.MILITARY),
    ("armed_forces", EndUserCategory.MILITARY),
    ("ministry", EndUserCategory.OTHER_GOVERNMENT),
    ("government", EndUserCategory.OTHER_GOVERNMENT),
    ("distributor", EndUserCategory.DISTRIBUTOR),
    ("hospital", EndUserCategory.HOSPITAL_PHARMACEUTICAL),
    ("pharma", EndUserCategory.HOSPITAL_PHARMACEUTICAL),
    ("private_security", EndUserCategory.PRIVATE_SECURITY),
    ("security_company", EndUserCategory.PRIVATE_SECURITY),
    ("museum", EndUserCategory.MUSEUM),
    ("research", EndUserCategory.RESEARCH),
    ("university", EndUserCategory.RESEARCH),
)
# When several grounds are given, the one reported is the first of these that applies; a
# national ban is reported only when it is the sole ground (Art. 26(6): then no refusal).
_GROUND_ORDER = [g for g in RefusalGround if g is not RefusalGround.NATIONAL_BAN]


def licence_type(application: Application) -> LicenceType:
    manifest = TYPES[ApplicationType(application.type)]
    if manifest.museum:
        return LicenceType.MUSEUM_DEROGATION
    if manifest.activity.value == "brokering":
        return LicenceType.BROKERING
    if manifest.activity.value == "technical_assistance":
        return LicenceType.TECHNICAL_ASSISTANCE
    if manifest.licence_kind == LicenceKind.GLOBAL:
        return LicenceType.GLOBAL
    return LicenceType.INDIVIDUAL


def application_row(application: Application) -> ApplicationRow:
    submitted = application.submitted_at.date() if application.submitted_at else dt.date.today()
    return ApplicationRow(
        application_id=application.reference,
        reporting_state=settings.TORTUREFREE_STATE,
        activity=TYPES[ApplicationType(application.type)].activity,
        licence_type=licence_type(application),
        submitted_on=submitted,
    )


def end_user_category(application: Application) -> EndUserCategory:
    if TYPES[ApplicationType(application.type)].museum:
        return EndUserCategory.MUSEUM
    parties = list(application.parties.all())
    end_user = next((p for p in parties if p.role == PartyRole.END_USER), None)
    if end_user is not None:
        # The declared type decides; the name only when no type was given.
        said = end_user.type or end_user.name
        words = "_".join(said.lower().replace("-", " ").split())
        for word, category in _END_USER_WORDS:
            if word in words:
                return category
        return EndUserCategory.OTHER
    if any(p.role == PartyRole.DISTRIBUTOR for p in parties):
        return EndUserCategory.DISTRIBUTOR
    return EndUserCategory.OTHER


def _cn_code(line: GoodsLine, entry_id: str, day: dt.date) -> str:
    """The trader's code, else the entry's first CN code, else 'unknown' (the store needs one)."""
    if len(line.cn_code.strip()) >= 2:
        return line.cn_code.strip()
    entry = engines.catalogue().snapshot(day).entry(entry_id)
    codes = entry.version.cn_codes if entry is not None else []
    return codes[0].code if codes else "unknown"


def placed_lines(run: CheckRun | None) -> dict[int, dict[str, Any]]:
    """line_no -> the list entry the checks (with officers' ratings) placed it under."""
    if run is None:
        return {}
    out = {}
    for good in run.determination.get("goods", []):
        entries = good.get("entries") or []
        if entries:
            out[int(good["index"]) + 1] = entries[0]
    return out


def line_rows(
    application: Application,
    lines: Iterable[Any],
    placed: dict[int, dict[str, Any]],
    *,
    version: int = 1,
    day: dt.date,
) -> list[LineRow]:
    """Rows for goods lines (or licence lines) that fall under a list entry; others are not
    reported (they are outside the regulation)."""
    origin = application.origin or application.organisation.country
    category = end_user_category(application)
    rows = []
    for line in lines:
        entry = placed.get(line.line_no)
        entry_id = (entry or {}).get("id") or getattr(line, "entry_id", "")
        if not entry_id:
            continue
        kind = (entry or {}).get("category") or _category(entry_id, day)
        if kind is None:
            continue
        rows.append(
            LineRow(
                application_id=application.reference,
                line_no=line.line_no,
                version=version,
                entry_id=entry_id,
                category=kind,
                cn_code=_cn_code(line, entry_id, day),
                description=line.description,
                quantity=float(line.quantity),
                unit=line.unit,
                value=float(line.value),
                currency=line.currency,
                destination=application.destination,
                origin=origin,
                end_user_category=category,
                end_use=application.end_use,
            )
        )
    return rows


def _category(entry_id: str, day: dt.date) -> str | None:
    entry = engines.catalogue().snapshot(day).entry(entry_id)
    return entry.category.value if entry is not None else None


def refusal_ground(reasons: list[str]) -> RefusalGround:
    given = set(reasons)
    for ground in _GROUND_ORDER:
        if ground.value in given:
            return ground
    if RefusalGround.NATIONAL_BAN.value in given:
        return RefusalGround.NATIONAL_BAN
    return RefusalGround.OTHER
