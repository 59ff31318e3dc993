"""Build FtM entities the same way for every format: cleaned values, the source's own id."""

from __future__ import annotations

from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

EMPTY = {"", "-0-"}


def make(schema: str, entity_id: str) -> EntityProxy:
    """A new entity whose id is the source's own identifier (contracts.md: entity_id)."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    return proxy


def add(proxy: EntityProxy, prop: str, value: str | None) -> None:
    """Add a cleaned value; values FtM cannot read (a country it does not know) are dropped."""
    if value is None:
        return
    value = value.strip()
    if value in EMPTY:
        return
    proxy.add(prop, value, quiet=True, cleaned=False)


def finish(proxy: EntityProxy) -> dict[str, Any]:
    data: dict[str, Any] = proxy.to_dict()
    return data
