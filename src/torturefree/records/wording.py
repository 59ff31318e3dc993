"""The words a rendered report speaks (#18: reports in the reader's language).

The core has no message catalogue, so it writes English and lets a caller translate: every
fixed phrase goes through `phrase` (parameters as %(name)s, filled after translation), every
cell through `cell` (column and value to text), and `lang`/`rtl` tag the document. ENGLISH is
the report as it always read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _same(text: str) -> str:
    return text


def plain_cell(column: str, value: Any) -> str:
    """A cell as the English report writes it: figures grouped (years not), codes with spaces."""
    if column == "year":
        return str(value)
    if isinstance(value, float) and not isinstance(value, bool):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value).replace("_", " ")


@dataclass(frozen=True)
class Wording:
    lang: str = "en"
    rtl: bool = False
    phrase: Callable[[str], str] = _same
    cell: Callable[[str, Any], str] = plain_cell

    def say(self, text: str, **values: Any) -> str:
        """A fixed phrase in the report's language, with its %(name)s parameters filled."""
        said = self.phrase(text)
        return said % values if values else said


ENGLISH = Wording()
