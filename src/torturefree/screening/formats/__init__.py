"""Watchlist formats: each reads a source file or folder into FtM entity dicts.

A format is a function `read(path) -> list[dict]` registered under its contract name; it raises
InputError naming the file and line of the first malformed record.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.screening.formats import (
    bis_dpl,
    csl_csv,
    ftm_jsonl,
    ofac_sdn,
    torture_list,
    un_xml,
)

Reader = Callable[[Path], list[dict[str, Any]]]

FORMATS: dict[str, Reader] = {
    "ofac-sdn": ofac_sdn.read,
    "un-xml": un_xml.read,
    "bis-dpl": bis_dpl.read,
    "csl-csv": csl_csv.read,
    "ftm": ftm_jsonl.read,
    "torture-csv": torture_list.read_csv,
    "torture-yaml": torture_list.read_yaml,
}


def read_watchlist(fmt: str, path: Path) -> list[dict[str, Any]]:
    """Read a watchlist source in the named format; unknown formats are bad input."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}", field="format")
    if not path.exists():
        raise InputError("no such file or folder", field="PATH", source=str(path))
    entities = FORMATS[fmt](path)
    if not entities:
        raise InputError("holds no entities", field="PATH", source=str(path))
    return entities
