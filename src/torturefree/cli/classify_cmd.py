"""`torturefree classify`: goods descriptions, codes and CAS numbers against the lists in force."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from torturefree.cli.common import HomeOption, exit_codes, read_text_input, stderr, use_home
from torturefree.goods.batch import Record, Writer, format_of, queries, read_path, read_text, sniff
from torturefree.goods.query import Classification, GoodsQuery
from torturefree.lists import load_catalogue
from torturefree.lists.files import parse_date
from torturefree.rules.scopes import jurisdiction_classifiers

T = TypeVar("T")
Classify = Callable[[GoodsQuery], Classification]


PathArgument = typer.Argument(None, help="JSON Lines, CSV or Parquet; '-' or nothing for stdin.")
JurisdictionOption = typer.Option("EU", "--jurisdiction", help="EU, a member state, GB, US, UN-*")
DateOption = typer.Option(None, "--date", help="Lists in force on this date (default today).")
OutOption = typer.Option(None, "--out", help="Write .jsonl, .csv or .parquet here.")
AlgorithmOption = typer.Option(
    None,
    "--algorithm",
    help="Goods classifier version: goods_v1, goods_v2 or goods_v3 (the default).",
)


def classify(
    path: str = PathArgument,
    jurisdiction: str = JurisdictionOption,
    date: str = DateOption,
    out: Path = OutOption,
    algorithm: str = AlgorithmOption,
    home: Path = HomeOption,
) -> None:
    """Is each goods item on a control list? true, false, or null when a person must look."""
    use_home(home)
    with exit_codes():
        day = parse_date(date, field="--date") if date else dt.date.today()
        rows, source = _rows(path)
        out_format = format_of(out) if out is not None else "jsonl"
        classifiers = jurisdiction_classifiers(load_catalogue())
        classifier = classifiers.get(jurisdiction, day, algorithm)
        if out is None:
            for _ in queries(rows(), source):  # check every record before printing any
                pass
        work = queries(_progress(rows(), source), source)
        _write(work, classifier.classify, out, out_format, classifiers.release)


def _rows(path: str | None) -> tuple[Callable[[], Iterator[tuple[int, Record]]], str]:
    """A way to read the input (twice if need be) and its name for messages."""
    if path in (None, "-"):
        text, source = read_text_input(path)
        fmt = sniff(text)
        return (lambda: read_text(text, fmt, source)), source
    file = Path(path)
    return (lambda: read_path(file)), str(file)


def _write(
    work: Iterable[tuple[int, GoodsQuery]],
    classify: Classify,
    out: Path | None,
    fmt: str,
    release: str,
) -> None:
    """Answers go to a temporary file renamed at the end, so bad input leaves nothing behind."""
    if out is None:
        _run(work, classify, Writer(sys.stdout, None, "jsonl", release))
        return
    partial = out.with_name(out.name + ".partial")
    try:
        if fmt == "parquet":
            _run(work, classify, Writer(None, partial, fmt, release))
        else:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                _run(work, classify, Writer(handle, None, fmt, release))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def _run(work: Iterable[tuple[int, GoodsQuery]], classify: Classify, writer: Writer) -> None:
    for _, query in work:
        writer.write(query, classify(query))
    writer.close()


def _progress(rows: Iterator[T], source: str) -> Iterator[T]:
    """A Rich progress bar on a terminal; plain iteration when piped."""
    if not stderr.is_terminal:
        yield from rows
        return
    columns = (TextColumn("classifying"), BarColumn(), TextColumn("{task.completed} records"))
    with Progress(*columns, TimeElapsedColumn(), console=stderr, transient=True) as progress:
        task = progress.add_task(source, total=None)
        for row in rows:
            yield row
            progress.advance(task)


def register(app: typer.Typer) -> None:
    app.command("classify")(classify)
