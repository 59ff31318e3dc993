"""What the matcher needs of a watchlist entity: names, schema, birth dates, countries, identifiers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from torturefree.screening import schemata

# Properties holding a name, and whether the source itself calls them weak.
NAME_PROPS: tuple[tuple[str, bool], ...] = (
    ("name", False),
    ("alias", False),
    ("previousName", False),
    ("abbreviation", False),
    ("weakAlias", True),
)
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "birthCountry", "flag")
ID_PROPS = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "imoNumber",
    "innCode",
    "ogrnCode",
    "leiCode",
    "swiftBic",
    "vatCode",
    "callSign",
    "mmsi",
)


@dataclass(frozen=True, slots=True)
class Target:
    """One watchlist entity, reduced to what screening compares and reports."""

    watchlist: str
    entity_id: str
    schema: str
    caption: str
    names: tuple[tuple[str, bool], ...]
    birth_dates: tuple[str, ...]
    countries: frozenset[str]
    identifiers: frozenset[str]
    entity_hash: str

    @property
    def is_person(self) -> bool | None:
        return schemata.is_person(self.schema)


def entity_hash(data: dict[str, Any]) -> str:
    """Content hash of an entity's schema and properties: a change means 'the entity changed'."""
    props = {k: sorted(v) for k, v in sorted(data.get("properties", {}).items())}
    text = json.dumps([data.get("schema"), props], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def clean_identifier(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def target_from_entity(watchlist: str, data: dict[str, Any]) -> Target:
    """Build a Target from an FtM entity dict (as stored)."""
    props: dict[str, list[str]] = data.get("properties", {})
    names: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for prop, weak in NAME_PROPS:
        for value in props.get(prop, []):
            if value.strip() and value not in seen:
                seen.add(value)
                names.append((value, weak))
    countries = frozenset(c for p in COUNTRY_PROPS for c in props.get(p, []))
    identifiers = frozenset(
        clean_identifier(v)
        for p in ID_PROPS
        for v in props.get(p, [])
        if len(clean_identifier(v)) >= 4
    )
    caption = names[0][0] if names else str(data["id"])
    return Target(
        watchlist=watchlist,
        entity_id=str(data["id"]),
        schema=str(data["schema"]),
        caption=caption,
        names=tuple(names),
        birth_dates=tuple(sorted(props.get("birthDate", []))),
        countries=countries,
        identifiers=identifiers,
        entity_hash=entity_hash(data),
    )
