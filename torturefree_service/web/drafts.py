"""A draft's lines and parties as the services take them (the services replace the whole list)."""

from __future__ import annotations

from typing import Any

from torturefree_service.applications.models import Application
from torturefree_service.applications.types import TYPES, ApplicationType
from torturefree_service.web.explain import determination_sentences

STEPS = ("details", "goods", "parties", "documents", "submit")


def lines_data(application: Application) -> list[dict[str, Any]]:
    return [
        {
            "description": ln.description,
            "cn_code": ln.cn_code,
            "cas": ln.cas,
            "entry_id": ln.entry_id,
            "quantity": ln.quantity,
            "unit": ln.unit,
            "value": ln.value,
            "currency": ln.currency,
        }
        for ln in application.lines.all()
    ]


def parties_data(application: Application) -> list[dict[str, Any]]:
    return [
        {
            "role": p.role,
            "name": p.name,
            "country": p.country,
            "address": p.address,
            "type": p.type,
            "schema": p.schema,
        }
        for p in application.parties.all()
    ]


def line_input(cleaned: dict[str, Any]) -> dict[str, Any]:
    """A line form's cleaned data as the service's line (an empty value is zero)."""
    return {**cleaned, "value": cleaned.get("value") or 0, "currency": cleaned["currency"].upper()}


def details_input(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The start form's data without the empty optional fields (the service keeps what is set)."""
    return {k: v for k, v in cleaned.items() if k != "type" and v not in ("", None)}


def preview_rows(application: Application, preview: dict[str, Any]) -> list[dict[str, Any]]:
    """Each line with its identification, the determination's outcome, reasons and sentences."""
    goods = (preview.get("determination") or {}).get("goods") or []
    said = determination_sentences(preview.get("determination"))
    rows = []
    for index, line in enumerate(application.lines.all()):
        found = preview["identification"][index] if index < len(preview["identification"]) else {}
        decided = goods[index] if index < len(goods) else {}
        sentences = said[index] if index < len(said) else []
        rows.append(
            {
                "line": line,
                "identification": found,
                "determination": decided,
                "sentences": sentences,
            }
        )
    return rows


def museum_type(application: Application) -> dict[str, str] | None:
    """The museum derogation for this application's activity (its type and the law allowing it)."""
    activity = TYPES[ApplicationType(application.type)].activity
    for kind, manifest in TYPES.items():
        if manifest.museum and manifest.activity == activity:
            return {"type": kind.value, "citation": manifest.citation}
    return None
