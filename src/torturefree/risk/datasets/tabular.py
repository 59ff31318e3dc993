"""CSV reading for the tabular datasets: required columns checked, rows numbered as in the file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from torturefree.errors import InputError


def rows(text: str, required: set[str], source: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; a header missing a required column is bad input."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise InputError(f"missing columns {sorted(missing)}", line=1, source=source)
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}


def number(text: str, missing: frozenset[str] = frozenset({"", "NA"})) -> float | None:
    """A number, or None for the missing marker ("NA" in PTS is missing, not Namibia)."""
    if text in missing:
        return None
    return float(text)
