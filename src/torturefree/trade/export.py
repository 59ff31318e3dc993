"""Every table to CSV or XLSX (the same rows the JSON carries)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from torturefree.errors import InputError

FORMATS = ("csv", "xlsx", "json")


def columns_of(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return repr(value)
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns_of(rows), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def write_xlsx(sheets: dict[str, list[dict[str, Any]]], path: Path, about: dict[str, Any]) -> None:
    book = Workbook()
    first = book.active
    first.title = "about"
    for key, value in about.items():
        first.append([key, _cell(value)])
    for name, rows in sheets.items():
        sheet = book.create_sheet(name[:31])
        names = columns_of(rows)
        sheet.append(names)
        for row in rows:
            sheet.append([_cell(row.get(n)) for n in names])
    book.save(path)


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}' (one of {', '.join(FORMATS)})", field="--format")
    return fmt


def write_tables(
    tables: dict[str, list[dict[str, Any]]], fmt: str, out: Path | None, about: dict[str, Any]
) -> str | None:
    """Write the tables as `fmt` to `out`; returns text for stdout when there is no file.

    CSV is one long table with a column `table` naming the section (as the annual report's)."""
    import json

    check_format(fmt)
    if fmt == "xlsx":
        if out is None:
            raise InputError("XLSX needs --out FILE", field="--out")
        write_xlsx(tables, out, about)
        return None
    if fmt == "csv":
        rows = [{"table": name, **row} for name, part in tables.items() for row in part]
        text = to_csv(rows)
    else:
        text = (
            json.dumps({**about, "tables": tables}, ensure_ascii=False, indent=2, default=str)
            + "\n"
        )
    if out is None:
        return text
    out.write_text(text, encoding="utf-8")
    return None
