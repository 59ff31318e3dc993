"""BIS Denied Persons List: tab-separated with a header; one row per name and address."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy

from torturefree.errors import InputError
from torturefree.screening.formats.dates import parse_date
from torturefree.screening.formats.entity import add, finish, make

REQUIRED = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code")


def row_key(row: dict[str, str]) -> str:
    """The contract's entity_id for BIS: the row's name and address, normalised for spacing."""
    address = ", ".join(" ".join(row[c].split()) for c in REQUIRED[1:] if row.get(c, "").strip())
    return f"{' '.join(row['Name'].split())} | {address}"


def read(path: Path) -> list[dict[str, Any]]:
    entities: dict[str, EntityProxy] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"header lacks {', '.join(missing)}", line=1, source=str(path))
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    raise InputError(
                        "wrong number of tab-separated fields",
                        line=reader.line_num,
                        source=str(path),
                    )
                if not row["Name"].strip():
                    raise InputError(
                        "empty name", field="Name", line=reader.line_num, source=str(path)
                    )
                key = row_key(row)
                entities[key] = _entity(key, row)
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 ({error.reason})", source=str(path)) from error
    return [finish(p) for p in entities.values()]


def _entity(key: str, row: dict[str, str]) -> EntityProxy:
    # BIS mixes people and firms without saying which: LegalEntity matches both.
    proxy = make("LegalEntity", key)
    add(proxy, "name", row["Name"])
    add(proxy, "country", row["Country"])
    add(proxy, "createdAt", parse_date(row.get("Effective_Date")))
    add(proxy, "notes", row.get("FR_Citation"))
    add(proxy, "topics", "sanction")
    return proxy
