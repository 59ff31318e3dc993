"""Evidence items from CSV, JSON or JSON Lines files; every bad value names its line and field."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from torturefree.errors import InputError
from torturefree.risk.countries import CountryTable, load_countries
from torturefree.risk.model import EvidenceItem
from torturefree.risk.store import EvidenceStore
from torturefree.risk.textio import decode_utf8, read_bytes

LIST_FIELDS = ("practices", "goods", "end_users")
CITATION_FIELDS = {"citation_title": "title", "citation_symbol": "symbol", "citation_href": "href"}
CSV_REQUIRED = {"kind", "issuing_body", "country", "date", "citation_title"}


@dataclass(frozen=True)
class EvidenceImport:
    added: int
    changed: int
    unchanged: int


def read_evidence(path: Path, table: CountryTable) -> list[EvidenceItem]:
    """All items of a file, checked; the first bad record stops the import and is named."""
    source = str(path)
    text = decode_utf8(read_bytes(path), source)
    records = (
        _csv_records(text, source) if path.suffix.lower() == ".csv" else _json_records(text, source)
    )
    items = [_item(record, line, source, table) for line, record in records]
    duplicates = [i for i, n in Counter(item.id for item in items).items() if n > 1]
    if duplicates:
        raise InputError(
            f"id used more than once: {', '.join(duplicates)}", field="id", source=source
        )
    return items


def import_evidence(
    store: EvidenceStore, path: Path, *, actor: str, reason: str, data_root: Path | None = None
) -> EvidenceImport:
    """Read and save a file's items as one transaction; re-importing it changes nothing."""
    items = read_evidence(path, load_countries(data_root))
    existing = {item.id for item in items if store.history(item.id)}
    saved = store.save_items(items, actor=actor, reason=reason)
    added = sum(1 for item, v in zip(items, saved, strict=True) if v and item.id not in existing)
    changed = sum(1 for item, v in zip(items, saved, strict=True) if v and item.id in existing)
    return EvidenceImport(added=added, changed=changed, unchanged=saved.count(None))


def _csv_records(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = CSV_REQUIRED - set(reader.fieldnames or [])
    if missing:
        raise InputError(f"missing columns {sorted(missing)}", line=1, source=source)
    return [(reader.line_num, _from_csv_row(row)) for row in reader]


def _from_csv_row(row: dict[str, str | None]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    citation: dict[str, str] = {}
    for key, raw in row.items():
        value = (raw or "").strip()
        if key is None or not value:
            continue
        if key in CITATION_FIELDS:
            citation[CITATION_FIELDS[key]] = value
        elif key in LIST_FIELDS:
            record[key] = [part.strip() for part in value.split(";") if part.strip()]
        else:
            record[key] = value
    record["citation"] = citation
    return record


def _json_records(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    """A JSON array (records numbered from 1) or JSON Lines (records numbered by line)."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"not JSON: {error.msg}", line=error.lineno, source=source) from error
        return [(n, _object(r, n, source)) for n, r in enumerate(document, start=1)]
    records = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                records.append((n, _object(json.loads(line), n, source)))
            except json.JSONDecodeError as error:
                raise InputError(f"not JSON: {error.msg}", line=n, source=source) from error
    return records


def _object(value: Any, line: int, source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError("expected a JSON object", line=line, source=source)
    return value


def _item(record: dict[str, Any], line: int, source: str, table: CountryTable) -> EvidenceItem:
    code = str(record.get("country", "")).strip().upper()
    country = table.get(code) if code else None
    if country is None:
        raise InputError(
            f"unknown country code '{code}'", field="country", line=line, source=source
        )
    record = {**record, "country": country.alpha2}
    record.setdefault("id", _derived_id(record))
    try:
        return EvidenceItem.model_validate(record)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        raise InputError(first["msg"], field=field, line=line, source=source) from error


def _derived_id(record: dict[str, Any]) -> str:
    """A stable id for items given without one, so importing the same file twice adds nothing."""
    citation = record.get("citation") or {}
    title = citation.get("title", "") if isinstance(citation, dict) else ""
    key = "|".join(str(record.get(k, "")) for k in ("kind", "issuing_body", "country", "date"))
    return "ev-" + hashlib.sha256(f"{key}|{title}".encode()).hexdigest()[:12]
