"""FollowTheMoney entities as JSON Lines (one entity object per line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from torturefree.errors import InputError


def parse_entity(data: object, line: int, source: str) -> dict[str, Any]:
    """Validate one FtM entity dict through the FtM model; errors name the line."""
    if not isinstance(data, dict):
        raise InputError("an entity must be a JSON object", line=line, source=source)
    if not data.get("id"):
        raise InputError("entity has no id", field="id", line=line, source=source)
    if model.get(str(data.get("schema"))) is None:
        raise InputError(
            f"unknown schema {data.get('schema')!r}", field="schema", line=line, source=source
        )
    try:
        proxy = model.get_proxy(data, cleaned=False)
    except (InvalidData, TypeError, ValueError) as error:
        raise InputError(f"invalid entity ({error})", line=line, source=source) from error
    out: dict[str, Any] = proxy.to_dict()
    return out


def read(path: Path) -> list[dict[str, Any]]:
    entities: dict[str, dict[str, Any]] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    data = json.loads(text)
                except json.JSONDecodeError as error:
                    raise InputError(
                        f"not JSON ({error.msg})", line=line, source=str(path)
                    ) from error
                entity = parse_entity(data, line, str(path))
                entities[entity["id"]] = entity
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 ({error.reason})", source=str(path)) from error
    return list(entities.values())
