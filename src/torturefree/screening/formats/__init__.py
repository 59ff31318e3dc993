"""Watchlist formats: each reads a source file or folder into FtM entity dicts.

A format is a function `read(path) -> list[dict]` registered under its contract name; it raises
InputError naming the file and line of the first malformed record.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from torturefree.errors import InputError

Reader = Callable[[Path], list[dict[str, Any]]]

# Format name -> (module in this package, its reader). A module is imported only when its format
# is read: the readers build FtM entities, and importing followthemoney is most of the start of a
# `screen` run, which reads no source file.
FORMATS: dict[str, tuple[str, str]] = {
    "ofac-sdn": ("ofac_sdn", "read"),
    "un-xml": ("un_xml", "read"),
    "bis-dpl": ("bis_dpl", "read"),
    "csl-csv": ("csl_csv", "read"),
    "ftm": ("ftm_jsonl", "read"),
    "torture-csv": ("torture_list", "read_csv"),
    "torture-yaml": ("torture_list", "read_yaml"),
}
# The keyword a ¶109 list puts on a country's listing (torture_list.py writes it, countries.py
# looks for it).
COUNTRY_KEYWORD = "country-listing"


def reader(fmt: str) -> Reader:
    """The reader of a known format."""
    module, function = FORMATS[fmt]
    found: Reader = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return found


def read_watchlist(fmt: str, path: Path) -> list[dict[str, Any]]:
    """Read a watchlist source in the named format; unknown formats are bad input."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}", field="format")
    if not path.exists():
        raise InputError("no such file or folder", field="PATH", source=str(path))
    entities = reader(fmt)(path)
    if not entities:
        raise InputError("holds no entities", field="PATH", source=str(path))
    return entities
