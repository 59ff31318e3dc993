"""A draft's lines and parties as the services take them (the services replace the whole list)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from torturefree.goods.query import GoodsQuery
from torturefree_service.applications.models import Application, GoodsLine
from torturefree_service.applications.types import TYPES, ApplicationType
from torturefree_service.web.explain import determination_sentences
from torturefree_service.web.question_words import data_language, localised

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
                "asks": open_questions(line),
                "check_url": check_url(line),
            }
        )
    return rows


# The checker's classifier (#20, "ask, don't assume"): where a figure or an exclusion decides and
# the description does not give it, it asks rather than assume the exclusion applies.
ASKING = "goods_v3"


def open_questions(line: GoodsLine, day: dt.date | None = None) -> list[dict[str, Any]]:
    """The questions the asking classifier has for this line (none when the facts decide)."""
    from torturefree_service.checks import engines

    engines.engine()  # first: classifiers() reads the catalogue the engine loads
    classifier = engines.classifiers().get(
        settings.TORTUREFREE_JURISDICTION, day or dt.date.today(), ASKING
    )
    query = GoodsQuery(
        description=line.description or None,
        hs_code=line.cn_code or None,
        cas=line.cas or None,
        lang=data_language(),
    )
    record = classifier.classify(query).as_dict(str(line.line_no))
    if record["controlled"] is not None:
        return []
    return list({q["parameter"]: localised(q) for q in record["questions"]}.values())


def check_url(line: GoodsLine) -> str:
    """The goods checker with this line's description, where the questions can be answered."""
    query = {"description": line.description, "code": line.cn_code, "cas": line.cas}
    return reverse("web:trader_check") + "?" + urlencode({k: v for k, v in query.items() if v})


def museum_type(application: Application) -> dict[str, str] | None:
    """The museum derogation for this application's activity (its type and the law allowing it)."""
    activity = TYPES[ApplicationType(application.type)].activity
    for kind, manifest in TYPES.items():
        if manifest.museum and manifest.activity == activity:
            return {"type": kind.value, "citation": manifest.citation}
    return None
