"""trade.gov Consolidated Screening List CSV: many US lists in one, alt_names joined by ';'."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy

from torturefree.errors import InputError
from torturefree.screening.formats.dates import parse_date
from torturefree.screening.formats.entity import add, finish, make

SCHEMATA = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
REQUIRED = ("source", "name", "type", "alt_names")


def _entity_id(row: dict[str, str]) -> str:
    """CSL's own id when it has one, else a stable key of source, name and addresses."""
    for column in ("_id", "id", "entity_number"):
        if row.get(column, "").strip():
            return f"{row['source'].split(' - ')[0].strip()}:{row[column].strip()}"
    digest = hashlib.sha1(
        "|".join(row.get(c, "") for c in ("source", "name", "addresses")).encode()
    )
    return f"csl-{digest.hexdigest()[:16]}"


def read(path: Path) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"header lacks {', '.join(missing)}", line=1, source=str(path))
            for row in reader:
                if None in row:
                    raise InputError(
                        "more fields than the header", line=reader.line_num, source=str(path)
                    )
                if not (row.get("name") or "").strip():
                    raise InputError(
                        "empty name", field="name", line=reader.line_num, source=str(path)
                    )
                proxy = _entity(row)
                out[str(proxy.id)] = finish(proxy)
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 ({error.reason})", source=str(path)) from error
    return list(out.values())


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _entity(row: dict[str, str]) -> EntityProxy:
    schema = SCHEMATA.get((row.get("type") or "").strip().lower(), "LegalEntity")
    proxy = make(schema, _entity_id(row))
    add(proxy, "name", row["name"])
    for alias in _split(row.get("alt_names")):
        add(proxy, "alias", alias)
    add(proxy, "program", row.get("programs"))
    add(proxy, "notes", row.get("source"))
    add(proxy, "topics", "sanction")
    if proxy.schema.is_a("Person"):
        for dob in _split(row.get("dates_of_birth")):
            add(proxy, "birthDate", parse_date(dob) or dob)
        for country in _split(row.get("nationalities")) + _split(row.get("citizenships")):
            add(proxy, "nationality", country)
    for address in _split(row.get("addresses")):
        add(proxy, "country", address.rsplit(",", 1)[-1])
    return proxy
