"""Batch classification: JSON Lines, CSV or Parquet in and out; a bad record named by its line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from torturefree.errors import InputError
from torturefree.goods.query import FIELDS, Classification, GoodsQuery, parse_query

Record = dict[str, Any]
FORMATS = ("jsonl", "csv", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
_SUFFIXES[".parquet"] = "parquet"
_NEEDED = ("description", "hs_code", "cas")


def format_of(path: Path) -> str:
    """The format a file name says; anything else is bad input rather than a guess."""
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise InputError(
            f"unknown file type '{path.suffix}' (use .jsonl, .csv or .parquet)",
            field="PATH",
            source=str(path),
        )
    return found


def sniff(text: str) -> str:
    """Standard input has no name: JSON Lines start with '{', anything else is read as CSV."""
    return "jsonl" if text.lstrip().startswith("{") else "csv"


def read_text(text: str, fmt: str, source: str) -> Iterator[tuple[int, Record]]:
    """(line number, record) pairs from JSON Lines or CSV text."""
    if fmt == "jsonl":
        return _jsonl(text.splitlines(), source)
    return _csv(io.StringIO(text, newline=""), source)


def read_path(path: Path) -> Iterator[tuple[int, Record]]:
    """(line or row number, record) pairs from a file, streamed."""
    fmt = format_of(path)
    if not path.exists():
        raise InputError("no such file", field="PATH", source=str(path))
    if fmt == "parquet":
        return _parquet(path)
    return _lines(path, fmt)


def _lines(path: Path, fmt: str) -> Iterator[tuple[int, Record]]:
    with path.open(encoding="utf-8", newline="") as handle:
        try:
            rows = _jsonl(handle, str(path)) if fmt == "jsonl" else _csv(handle, str(path))
            yield from rows
        except UnicodeDecodeError as error:
            raise InputError(f"not UTF-8 text ({error.reason})", source=str(path)) from error


def _jsonl(lines: Iterable[str], source: str) -> Iterator[tuple[int, Record]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"not JSON ({error.msg})", line=number, source=source) from error
        if not isinstance(value, dict):
            raise InputError("each line must be a JSON object", line=number, source=source)
        yield number, value


def _csv(handle: IO[str], source: str) -> Iterator[tuple[int, Record]]:
    reader = csv.DictReader(handle, strict=True)  # an unclosed quote is an error, not a row
    try:
        header = reader.fieldnames
    except csv.Error as error:
        raise InputError(f"unreadable CSV ({error})", line=1, source=source) from error
    if not header or not any(c in header for c in _NEEDED):
        raise InputError(
            f"missing columns: need one of {', '.join(_NEEDED)} (found {', '.join(header or [])})",
            field="header",
            line=1,
            source=source,
        )
    try:
        for row in reader:
            if None in row:
                raise InputError("more values than columns", line=reader.line_num, source=source)
            yield reader.line_num, {k: v for k, v in row.items() if v not in (None, "")}
    except csv.Error as error:
        raise InputError(
            f"unreadable CSV ({error})", line=reader.line_num, source=source
        ) from error


def _parquet(path: Path) -> Iterator[tuple[int, Record]]:
    try:
        table = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"unreadable Parquet ({error})", source=str(path)) from error
    names = table.schema_arrow.names
    if not any(c in names for c in _NEEDED):
        raise InputError(
            f"missing columns: need one of {', '.join(_NEEDED)}", field="header", source=str(path)
        )
    row = 0
    for batch in table.iter_batches(batch_size=10_000):
        for record in batch.to_pylist():
            row += 1
            yield row, {k: v for k, v in record.items() if v is not None}


def queries(rows: Iterable[tuple[int, Record]], source: str) -> Iterator[tuple[int, GoodsQuery]]:
    """Validate each record; the first bad one stops the batch, naming its line and field."""
    for line, record in rows:
        yield line, parse_query(record, line=line, source=source)


def classify_all(
    rows: Iterable[tuple[int, GoodsQuery]], classify: Callable[[GoodsQuery], Classification]
) -> Iterator[tuple[GoodsQuery, Classification]]:
    for _, query in rows:
        yield query, classify(query)


class Writer:
    """Writes answers as JSON Lines, CSV or Parquet (nested entries kept as a list of structs)."""

    def __init__(self, handle: IO[str] | None, path: Path | None, fmt: str, release: str) -> None:
        self.fmt, self.release = fmt, release
        self._handle = handle
        self._path = path
        self._csv: Any = None
        self._parquet: pq.ParquetWriter | None = None
        self._rows: list[Record] = []

    def write(self, query: GoodsQuery, result: Classification) -> None:
        record = result.as_dict(query.id, self.release)
        if self.fmt == "jsonl":
            assert self._handle is not None
            self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._write_csv(record)
        else:
            self._rows.append(record)
            if len(self._rows) >= 10_000:
                self._flush()

    def _write_csv(self, record: Record) -> None:
        assert self._handle is not None
        if self._csv is None:
            self._csv = csv.DictWriter(self._handle, fieldnames=list(record))
            self._csv.writeheader()
        flat = dict(record)
        flat["controlled"] = json.dumps(record["controlled"])  # true / false / null, as in JSON
        flat["entries"] = json.dumps(record["entries"], ensure_ascii=False)
        flat["explanation"] = " | ".join(record["explanation"])
        flat["questions"] = json.dumps(record["questions"], ensure_ascii=False)
        self._csv.writerow(flat)

    def _flush(self) -> None:
        if not self._rows:
            return
        table = pa.Table.from_pylist(self._rows, schema=PARQUET_SCHEMA)
        if self._parquet is None:
            assert self._path is not None
            self._parquet = pq.ParquetWriter(self._path, PARQUET_SCHEMA)
        self._parquet.write_table(table)
        self._rows = []

    def close(self) -> None:
        if self.fmt == "parquet":
            self._flush()
            if self._parquet is None:
                assert self._path is not None
                pq.write_table(PARQUET_SCHEMA.empty_table(), self._path)
            else:
                self._parquet.close()


_ENTRY = pa.struct(
    [(name, pa.string()) for name in ("id", "instrument", "annex", "item", "category", "title")]
    + [("score", pa.float64())]
)
_QUESTION = pa.struct(
    [
        (name, pa.string())
        for name in ("entry", "parameter", "quantity", "unit", "text", "decides", "lang")
    ]
)
PARQUET_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("controlled", pa.bool_()),
        ("category", pa.string()),
        ("entries", pa.list_(_ENTRY)),
        ("explanation", pa.list_(pa.string())),
        ("classifier_version", pa.string()),
        ("algorithm", pa.string()),
        ("questions", pa.list_(_QUESTION)),
        ("data_release", pa.string()),
    ]
)
INPUT_FIELDS = FIELDS
