"""Public reads outside the case database: the lists as in force, their changes, the annual report."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.utils.translation import gettext

from torturefree.lists.diff import Change, diff_lists
from torturefree.lists.model import EntryFile
from torturefree.lists.snapshot import SnapshotEntry
from torturefree.records.annual import AnnualReport, build_annual
from torturefree.records.counting import Tables
from torturefree.records.render import ReportFormat, write_report
from torturefree_service.audit.ledger import get_store
from torturefree_service.checks import engines

EARLIEST_YEAR = 2006  # Regulation (EC) No 1236/2005 applied from 2006


def list_entries(day: dt.date) -> list[SnapshotEntry]:
    """Every entry in force on a day, by instrument, annex and item."""
    entries = engines.catalogue().snapshot(day).entries()
    return sorted(entries, key=lambda e: (e.instrument, e.annex, _item_key(e.version.item)))


def search_entries(entries: list[SnapshotEntry], query: str) -> list[SnapshotEntry]:
    """Entries whose text, notes, codes, CAS numbers or terms (every language) hold every word."""
    words = [_fold(word) for word in query.split() if word.strip()]
    return [e for e in entries if all(w in _haystack(e) for w in words)] if words else entries


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _haystack(entry: SnapshotEntry) -> str:
    version = entry.version
    parts = [entry.id, version.title, *version.notes]
    parts += [code.code for code in version.cn_codes]
    parts += [code.code.replace(" ", "") for code in version.cn_codes]
    parts += [f"{cas.number} {cas.name}" for cas in version.cas]
    for terms in (entry.file.terms, version.terms):
        parts += [word for words in terms.values() for word in words]
    return _fold(" \n".join(parts))


def _item_key(item: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in item.replace("-", ".").split("."))


def list_earliest() -> dt.date:
    return engines.catalogue().earliest()


def entry_history(entry_id: str) -> EntryFile | None:
    """The entry as the catalogue holds it: every dated version with its citation."""
    return engines.catalogue().entries.get(entry_id)


def list_changes(before: dt.date, after: dt.date) -> list[Change]:
    return diff_lists(engines.catalogue(), before, after)


def annual_report(year: int) -> AnnualReport:
    """The public version (Art. 26(3)): what the state marked sensitive is withheld."""
    tables = Tables.from_arrow(get_store().arrow_tables())
    return build_annual(tables, year, public=True)


def latest_year(default: int) -> int:
    """The latest year with received applications or decisions in the records (#20: the
    annual report opens on a year with data, not on an empty one)."""
    tables = get_store().arrow_tables()
    years = [
        int(str(day)[:4])
        for name, column in (("application", "submitted_on"), ("decision", "decided_on"))
        if name in tables and column in tables[name].column_names
        for day in tables[name].column(column).to_pylist()
        if day
    ]
    return max(years) if years else default


def annual_report_file(year: int, fmt: str) -> tuple[bytes, str]:
    """The public report through the records renderers (csv, json, pdf, xlsx, html)."""
    kind = ReportFormat(fmt)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"annual-{year}.{kind.value}"
        write_report(annual_report(year), kind, out)
        return out.read_bytes(), out.name


def report_rows(report: AnnualReport) -> list[dict[str, Any]]:
    """Tables as rows of cells in column order, for the template."""
    return [
        {
            "name": t.name,
            "title": gettext(t.title),  # the core's English, in the catalogue (report_words)
            "columns": [gettext(c.replace("_", " ")) for c in t.columns],
            "rows": [[shown(c, row.get(c)) for c in t.columns] for row in t.rows],
        }
        for t in report.tables
    ]


# Columns whose values are identifiers or years: shown as they are, never as figures.
AS_IS = ("year", "entry_id", "application_id", "licence_type")
COUNTRY_COLUMNS = ("partner", "destination", "country", "origin", "reporting_state")


def shown(column: str, value: Any) -> str:
    """A report cell for people (#20): figures in the page's language, codes as labels,
    countries by name; years and identifiers as they are."""
    from torturefree_service.web.formats import country, day, number
    from torturefree_service.web.labels import LABELS, label

    if value is None:
        return ""
    if column in AS_IS:
        return str(value)
    if column.endswith("_on"):
        return day(value)
    if column in COUNTRY_COLUMNS:
        return country(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    text = str(value)
    if f"{column}:{text}" in LABELS:  # a code whose meaning the column picks (activity)
        return label(text, column)
    return label(text) if text in LABELS else text
