"""The register as the service sees it: the store findings read, kinds' weight, input checks.

One store for both: the items are read and written through `engines.risk_context().store`, the
same EvidenceStore (under the service's home) that risk findings on submit read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from pydantic import ValidationError

from torturefree.risk.catalogue import KindRule
from torturefree.risk.model import EvidenceItem, EvidenceVersion
from torturefree.risk.store import EvidenceStore
from torturefree_service.checks import engines
from torturefree_service.errors import Conflict, Invalid, NotFound

# The core's id pattern; checked before the store is asked, so a bad id is a 404, not an error.
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$")
# Lone surrogates cannot be stored as UTF-8 and NUL is refused by PostgreSQL: bad input, not 500s.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def store() -> EvidenceStore:
    return engines.risk_context().store


def kind_rule(item: EvidenceItem) -> KindRule:
    return engines.risk_context().kinds.kinds[item.kind]


def country_code(code: str, field: str = "country") -> str:
    """Alpha-2 for an alpha-2 or alpha-3 code (legacy aliases resolved), as the importer does."""
    if _UNSTORABLE.search(code):
        raise Invalid("unknown country code", field=field)
    country = engines.risk_context().countries.get(code.strip().upper())
    if country is None:
        raise Invalid(f"unknown country code '{code}'", field=field)
    return country.alpha2


def check_text(value: Any, field: str) -> None:
    """Refuse text no store can hold (NUL, lone surrogates), naming where it is."""
    if isinstance(value, str) and _UNSTORABLE.search(value):
        raise Invalid("contains a NUL character or an unpaired surrogate", field=field)
    if isinstance(value, dict):
        for key, inner in value.items():
            check_text(inner, f"{field}.{key}" if field else str(key))
    if isinstance(value, list):
        for n, inner in enumerate(value):
            check_text(inner, f"{field}[{n}]")


def build_item(record: dict[str, Any], today: dt.date) -> EvidenceItem:
    """An item from checked fields; the core's model decides, its first complaint is named."""
    check_text(record, "")
    try:
        item = EvidenceItem.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        raise Invalid(str(first["msg"]), field=field) from error
    if item.date > today:
        # Evidence reports what happened; a date after today is a typing error.
        raise Invalid("the item's date is after today", field="date")
    return item


def derived_id(record: dict[str, Any]) -> str:
    """The id the core's importer derives for an item given without one (evidence_io), so an item
    entered by hand and the same item imported later are one item, not two."""
    citation = record.get("citation") or {}
    title = citation.get("title", "") if isinstance(citation, dict) else ""
    key = "|".join(str(record.get(k, "")) for k in ("kind", "issuing_body", "country", "date"))
    return "ev-" + hashlib.sha256(f"{key}|{title}".encode()).hexdigest()[:12]


def history_of(item_id: str) -> list[EvidenceVersion]:
    if not ITEM_ID.match(item_id):
        return []
    return store().history(item_id)


def current_item(item_id: str) -> EvidenceItem:
    """The item as it stands: 404 when unknown, 409 when withdrawn (nothing more can be done to it)."""
    versions = history_of(item_id)
    if not versions:
        raise NotFound("no such evidence item", field="id")
    latest = versions[-1].item
    if latest is None:
        raise Conflict("the evidence item is withdrawn", field="id")
    return latest
