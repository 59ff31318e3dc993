"""Dates as sources print them ('01 Jan 1960', 'circa 1965', '06/19/2003') to ISO prefixes."""

from __future__ import annotations

from datetime import datetime

_FORMATS = (
    ("%d %b %Y", 10),
    ("%b %Y", 7),
    ("%Y", 4),
    ("%Y-%m-%d", 10),
    ("%m/%d/%Y", 10),
    ("%d.%m.%Y", 10),
)


def parse_date(text: str | None) -> str | None:
    """An ISO date or prefix (YYYY, YYYY-MM, YYYY-MM-DD), or None when unreadable."""
    if not text:
        return None
    text = text.strip().removeprefix("circa ").removeprefix("Circa ").strip()
    for fmt, width in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()[:width]
        except ValueError:
            continue
    return None
