"""Public reads outside the case database: the lists as in force, their changes, the annual report."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from torturefree_service.audit.ledger import get_store
from torturefree_service.checks import engines
from torturefree.lists.diff import Change, diff_lists
from torturefree.lists.model import EntryFile
from torturefree.lists.snapshot import SnapshotEntry
from torturefree.records.annual import AnnualReport, build_annual
from torturefree.records.counting import Tables
from torturefree.records.render import ReportFormat, write_report

EARLIEST_YEAR = 2006  # Regulation (EC) No 1236/2005 applied from 2006


def list_entries(day: dt.date) -> list[SnapshotEntry]:
    """Every entry in force on a day, by instrument, annex and item."""
    entries = engines.catalogue().snapshot(day).entries()
    return sorted(entries, key=lambda e: (e.instrument, e.annex, _item_key(e.version.item)))


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
            "title": t.title,
            "columns": [c.replace("_", " ") for c in t.columns],
            "rows": [[row.get(c) for c in t.columns] for row in t.rows],
        }
        for t in report.tables
    ]
