"""A party to screen, validated from the contract's JSON (id, name, schema, country, birth_date)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from torturefree.errors import InputError
from torturefree.screening import schemata
from torturefree.screening.normalize import check_query_name

QUERY_SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "Vessel")
_DATE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


@dataclass(frozen=True, slots=True)
class Query:
    """One party: its name is required, everything else sharpens the score."""

    id: str | None
    name: str
    schema: str | None = None
    country: str | None = None
    birth_date: str | None = None
    identifiers: tuple[str, ...] = ()

    @property
    def is_person(self) -> bool | None:
        if self.schema is None or self.schema == "LegalEntity":
            return None
        return self.schema == "Person"

    def can_match(self, schema: str) -> bool:
        """Persons never match companies, nor vessels persons (FtM's schema lattice)."""
        if self.schema is None:
            return True
        return schemata.can_match(self.schema, schema)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        for key in ("schema", "country", "birth_date"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.identifiers:
            out["identifiers"] = list(self.identifiers)
        return out


def _optional_str(data: dict[str, Any], field: str) -> str | None:
    value = data.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int):
        raise InputError("must be a string", field=field)
    return str(value).strip() or None


def parse_query(data: object) -> Query:
    """Validate one query object; errors name the field."""
    if not isinstance(data, dict):
        raise InputError("a query must be a JSON object")
    name = check_query_name(data.get("name"))
    schema = _optional_str(data, "schema")
    if schema is not None and schema not in QUERY_SCHEMATA:
        raise InputError(f"must be one of {', '.join(QUERY_SCHEMATA)}", field="schema")
    country = _optional_str(data, "country")
    if country is not None and not _COUNTRY.match(country):
        raise InputError("must be an ISO 3166-1 alpha-2 code such as 'IR'", field="country")
    birth_date = _optional_str(data, "birth_date")
    if birth_date is not None and not _DATE.match(birth_date):
        raise InputError("must be YYYY, YYYY-MM or YYYY-MM-DD", field="birth_date")
    if birth_date is not None:
        birth_date = "-".join(part.zfill(2) for part in birth_date.split("-"))
    raw_ids = data.get("identifiers") or []
    if not isinstance(raw_ids, list) or not all(isinstance(i, str) for i in raw_ids):
        raise InputError("must be a list of strings", field="identifiers")
    return Query(
        id=_optional_str(data, "id"),
        name=name,
        schema=schema,
        country=country.lower() if country else None,
        birth_date=birth_date,
        identifiers=tuple(raw_ids),
    )
