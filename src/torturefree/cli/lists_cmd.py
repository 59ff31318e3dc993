"""`torturefree lists show` and `torturefree lists diff`: the control lists as in force on a date."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from torturefree.cli.common import HomeOption, exit_codes, print_json, use_home
from torturefree.errors import InputError
from torturefree.lists import load_catalogue
from torturefree.lists.diff import diff_lists
from torturefree.lists.files import parse_date
from torturefree.lists.reference import render_reference

lists_app = typer.Typer(help="The control lists as dated data.", no_args_is_help=True)


def _instruments(value: list[str] | None, known: set[str]) -> tuple[str, ...] | None:
    for name in value or []:
        if name not in known:
            raise InputError(
                f"unknown instrument '{name}' (one of {', '.join(sorted(known))})",
                field="--instrument",
            )
    return tuple(value) if value else None


@lists_app.command("show")
def show(
    instrument: list[str] = typer.Option(
        None, "--instrument", help="Instrument id, e.g. eu-2019-125."
    ),
    date: str = typer.Option(None, "--date", help="As in force on this date (default today)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    home: Path = HomeOption,
) -> None:
    """The entries in force on a date, with their ids, annexes, items and categories."""
    use_home(home)
    with exit_codes():
        catalogue = load_catalogue()
        on = parse_date(date, field="--date") if date else dt.date.today()
        wanted = _instruments(instrument, set(catalogue.instruments))
        entries = sorted(
            catalogue.snapshot(on, wanted).entries(wanted),
            key=lambda e: (e.instrument, e.annex, _item_key(e.version.item)),
        )
        rows = [
            e.reference()
            | {
                "cn_codes": [c.code for c in e.version.cn_codes],
                "cas": [c.number for c in e.version.cas],
            }
            for e in entries
        ]
        if as_json or not sys.stdout.isatty():
            print_json({"date": on.isoformat(), "data_release": catalogue.release, "entries": rows})
            return
        table = Table(title=f"Entries in force on {on} (data release {catalogue.release})")
        for column in ("id", "instrument", "annex", "item", "category", "title"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(
                *(str(row[c]) for c in ("id", "instrument", "annex", "item", "category", "title"))
            )
        Console().print(table)


@lists_app.command("diff")
def diff(
    date_from: str = typer.Option(..., "--from", help="Earlier date."),
    date_to: str = typer.Option(..., "--to", help="Later date."),
    instrument: list[str] = typer.Option(None, "--instrument"),
    home: Path = HomeOption,
) -> None:
    """What changed between two dates: entries added, removed, moved between annexes, renumbered."""
    use_home(home)
    with exit_codes():
        catalogue = load_catalogue()
        before, after = parse_date(date_from, field="--from"), parse_date(date_to, field="--to")
        if after < before:
            raise InputError("--to is before --from", field="--to")
        wanted = _instruments(instrument, set(catalogue.instruments))
        changes = diff_lists(catalogue, before, after, wanted)
        print_json(
            {
                "from": before.isoformat(),
                "to": after.isoformat(),
                "data_release": catalogue.release,
                "summary": {
                    k: sum(c.kind == k for c in changes) for k in ("added", "removed", "changed")
                },
                "changes": [c.to_dict() for c in changes],
            }
        )


@lists_app.command("reference")
def reference(
    out: Path = typer.Option(None, "--out", help="Write the Markdown here (default: stdout)."),
    home: Path = HomeOption,
) -> None:
    """The list reference in Markdown, generated from data/ (docs/lists.md)."""
    use_home(home)
    with exit_codes():
        text = render_reference(load_catalogue())
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")


def _item_key(item: str) -> tuple[object, ...]:
    """Sort items as numbers (2.10 after 2.9), letters after numbers."""
    parts = item.replace("(", ".").replace(")", "").split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def register(app: typer.Typer) -> None:
    from torturefree.cli.release_cmd import release_app

    lists_app.add_typer(release_app, name="release")
    app.add_typer(lists_app, name="lists")
