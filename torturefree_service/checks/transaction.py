"""An application as the determination engine's transaction (contracts.md body)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from torturefree_service.applications.models import Application, GoodsLine, PartyRole
from torturefree_service.applications.types import TYPES, ApplicationType


def line_item(line: GoodsLine) -> dict[str, Any]:
    """An officer's rating wins; then a list entry the trader chose; else the trader's words."""
    if line.rating and line.rating.get("entry_id"):
        return {"entry": line.rating["entry_id"]}
    if line.entry_id:
        return {"entry": line.entry_id}
    item: dict[str, Any] = {
        "description": line.description,
        "quantity": float(line.quantity),
        "unit": line.unit,
        "value": float(line.value),
        "currency": line.currency,
    }
    if line.cn_code:
        item["hs_code"] = line.cn_code
    if line.cas:
        item["cas"] = line.cas
    return item


def as_transaction(application: Application, day: dt.date) -> dict[str, Any]:
    manifest = TYPES[ApplicationType(application.type)]
    organisation = application.organisation
    end_user = next((p for p in application.parties.all() if p.role == PartyRole.END_USER), None)
    body: dict[str, Any] = {
        "id": application.reference,
        "jurisdiction": settings.TORTUREFREE_JURISDICTION,
        "date": day.isoformat(),
        "activity": manifest.activity.value,
        "origin": application.origin or organisation.country,
        "destination": application.destination,
        "transit_countries": list(application.transit_countries or []),
        "goods": [line_item(line) for line in application.lines.all()],
        "end_use": application.end_use,
        "exporter": {
            "name": organisation.name,
            "country": organisation.country,
            "manufacturer": organisation.kind == "manufacturer",
        },
        "knowledge": [],
    }
    if end_user is not None:
        body["end_user"] = {"name": end_user.name, "country": end_user.country}
        if end_user.type:
            body["end_user"]["type"] = end_user.type
    return body
