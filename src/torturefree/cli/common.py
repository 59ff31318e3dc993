"""What every command shares: --home, JSON output and the exit codes of contracts.md."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console

from torturefree.errors import InputError, TortureFreeError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

stderr = Console(stderr=True)
T = TypeVar("T")

HomeOption = typer.Option(None, "--home", help="State folder (default $TORTUREFREE_HOME or ./var).")


def use_home(home: Path | None) -> None:
    """Apply --home for the rest of the process."""
    if home is not None:
        os.environ["TORTUREFREE_HOME"] = str(home)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def print_jsonl(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


@contextmanager
def exit_codes() -> Iterator[None]:
    """Turn bad input into exit 2 and other known failures into exit 1, with a message on stderr."""
    try:
        yield
    except InputError as error:
        stderr.print(f"[bold red]error:[/] {error.message}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from error
    except TortureFreeError as error:
        stderr.print(f"[bold red]failed:[/] {error}", highlight=False)
        raise typer.Exit(EXIT_FAILURE) from error


def guarded(function: Callable[[], T]) -> T:
    """Run a command body under exit_codes()."""
    with exit_codes():
        return function()


def read_text_input(path: str | None) -> tuple[str, str]:
    """Read PATH, or standard input for '-' or no path; returns (text, source name)."""
    if path in (None, "-"):
        return sys.stdin.read(), "<stdin>"
    source = Path(path)
    if not source.exists():
        raise InputError("no such file", field="PATH", source=str(source))
    try:
        return source.read_text(encoding="utf-8"), str(source)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text ({error.reason})", field="PATH", source=str(source)
        ) from error
