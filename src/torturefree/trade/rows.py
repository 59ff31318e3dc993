"""Building stored rows from any layout, with the checks every reader shares."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from torturefree.errors import InputError
from torturefree.trade.places import Where
from torturefree.trade.schema import Flow, empty_columns, to_table

CODE = re.compile(r"^\d{2,10}$")
FLOWS = {flow.value for flow in Flow}


@dataclass
class Rows:
    """Columns under construction, plus what was skipped (aggregates) and why."""

    file: str
    source: str
    columns: dict[str, list[object]] = field(default_factory=empty_columns)
    skipped: dict[str, int] = field(default_factory=dict)

    def add(self, line: int, **values: object) -> None:
        values.setdefault("cif_usd", None)
        values.setdefault("fob_usd", None)
        values.setdefault("value_original", values.get("value_usd"))
        values.setdefault("currency", "USD")
        values.update(source=self.source, file=self.file, line=line)
        for name, column in self.columns.items():
            column.append(values.get(name))

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def table(self) -> pa.Table:
        return to_table(self.columns)

    def __len__(self) -> int:
        return len(self.columns["line"])


def code_of(text: str, where: Where) -> str:
    code = text.strip().replace(" ", "")
    if not CODE.match(code):
        raise where.error(f"'{text}' is not an HS/CN code (digits)")
    return code


def flow_of(text: str, where: Where) -> str:
    flow = text.strip().upper()
    if flow not in FLOWS:
        raise where.error(f"unknown flow '{text}' (one of {', '.join(sorted(FLOWS))})")
    return flow


def number(text: object, where: Where, *, required: bool = False) -> float | None:
    """A figure; empty, 'NA' and null are missing (required ones are bad input)."""
    if text is None or (isinstance(text, str) and text.strip() in ("", "NA", "null")):
        if required:
            raise where.error("missing value")
        return None
    try:
        value = float(str(text).replace(",", "")) if isinstance(text, str) else float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise where.error(f"'{text}' is not a number") from None
    if value != value or value < 0:
        raise where.error(f"'{text}' is not a non-negative number")
    return value


def integer(text: object, where: Where) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise where.error(f"'{text}' is not a whole number") from None


def year_period(period_text: object, where: Where) -> tuple[int, int]:
    """Comtrade periods are YYYY (annual) or YYYYMM (monthly); the year comes from them."""
    period = integer(period_text, where)
    if 1900 <= period <= 2100:
        return period, period
    if 190001 <= period <= 210012 and 1 <= period % 100 <= 12:
        return period // 100, period
    raise where.error(f"'{period_text}' is not a period YYYY or YYYYMM")


def csv_records(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a CSV file with a header, refusing one without the required columns."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InputError(f"cannot read ({error.strerror})", source=str(path)) from error
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(
                f"missing columns {missing}", field=missing[0], line=1, source=str(path)
            )
        for record in reader:
            yield reader.line_num, record
