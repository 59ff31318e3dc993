"""Editing an entry file's YAML as text, so a reviewed diff shows only what the amendment changes
(the file's comments, flow lists and line breaks stay); every edit is checked by parsing it back."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from torturefree.lists.amendments.errors import ProcedureError


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def close_version(text: str, valid_from: dt.date, valid_until: dt.date) -> str:
    """Give the version starting on `valid_from` (which has no end yet) a `valid_until`."""
    pattern = re.compile(rf"^(\s*)- valid_from: '?{valid_from.isoformat()}'?[ \t]*$", re.M)
    found = list(pattern.finditer(text))
    if len(found) != 1:
        raise ProcedureError(
            f"the entry file has {len(found)} versions from {valid_from}, expected one",
            field="entry",
        )
    match = found[0]
    line = f"\n{match.group(1)}  valid_until: {valid_until.isoformat()}"
    return text[: match.end()] + line + text[match.end() :]


def append_version(text: str, version: dict[str, Any]) -> str:
    """Add a version at the end of the file's top-level `versions:` list."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "versions:"), None)
    if start is None:
        raise ProcedureError("the entry file has no top-level 'versions:' list", field="entry")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " -#"):
        end += 1
    items = [line for line in lines[start + 1 : end] if line.lstrip().startswith("- ")]
    indent = len(items[0]) - len(items[0].lstrip()) if items else 0
    block = "".join(" " * indent + line for line in dump([version]).splitlines(keepends=True))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # after the last version, before blank lines
    if lines and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + block + "".join(lines[end:])


def checked(text: str, expected: dict[str, Any], where: str) -> str:
    """The edited text, refused unless it parses to exactly the document intended."""
    if yaml.safe_load(text) != expected:
        raise ProcedureError(f"{where}: the edit did not give the intended YAML", field="entry")
    return text
