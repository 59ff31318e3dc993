"""`torturefree determine`: outcome and reasons for one transaction or a JSON Lines batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from torturefree.cli.common import (
    HomeOption,
    exit_codes,
    print_json,
    print_jsonl,
    read_text_input,
    use_home,
)
from torturefree.errors import InputError
from torturefree.rules import Engine


def parse_documents(text: str, source: str) -> tuple[list[Any], bool]:
    """One JSON object, or JSON Lines; returns the documents and whether the input was lines."""
    stripped = text.strip()
    if not stripped:
        raise InputError("empty input: give one JSON object or JSON Lines", source=source)
    try:
        return [json.loads(stripped)], False
    except json.JSONDecodeError:
        pass
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise InputError(f"not JSON ({error.msg})", line=number, source=source) from error
    return documents, True


def determine(
    path: str = typer.Argument(
        None, help="JSON object or JSON Lines file; '-' or nothing for stdin."
    ),
    goods_algorithm: str = typer.Option(
        None,
        "--goods-algorithm",
        help="Goods classifier for described goods: goods_v1, goods_v2, goods_v3 (the default).",
    ),
    home: Path = HomeOption,
) -> None:
    """Is this transaction prohibited, licensable, under a general authorisation, or free, and why?"""
    use_home(home)
    with exit_codes():
        text, source = read_text_input(path)
        documents, as_lines = parse_documents(text, source)
        engine = Engine(goods_algorithm=goods_algorithm)
        if not as_lines:
            print_json(engine.determine(documents[0]).to_dict())
            return
        results = []
        for number, document in documents:
            try:
                results.append(engine.determine(document).to_dict())
            except InputError as error:
                raise error.at_line(number, source) from error
        for result in results:  # all lines are checked before any is printed
            print_jsonl(result)


def register(app: typer.Typer) -> None:
    app.command("determine")(determine)
