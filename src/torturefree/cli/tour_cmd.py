"""`torturefree tour`: what `make run` shows before the service exists — the demo transactions answered."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from torturefree.cli.common import HomeOption, exit_codes, use_home
from torturefree.paths import data_dir
from torturefree.rules import Engine
from torturefree.vocabulary import Outcome

STYLE = {
    Outcome.PROHIBITED: "bold red",
    Outcome.NEEDS_REVIEW: "yellow",
    Outcome.LICENCE_REQUIRED: "bold yellow",
    Outcome.GENERAL_AUTHORISATION: "green",
    Outcome.NOT_CONTROLLED: "green",
}


def tour(
    path: Path = typer.Option(
        None, "--transactions", help="JSON Lines (default: the built-in demo)."
    ),
    home: Path = HomeOption,
) -> None:
    """Answer the built-in demo transactions and show each outcome with the provision that decides."""
    use_home(home)
    with exit_codes():
        source = path or data_dir() / "demo" / "transactions.jsonl"
        engine = Engine()
        console = Console(width=max(Console().width, 160))
        table = Table(
            title=f"Demo transactions (data release {engine.catalogue.release})", show_lines=False
        )
        for column, width in (
            ("id", 7),
            ("law, date", 10),
            ("activity", 8),
            ("goods", 22),
            ("outcome", 13),
        ):
            table.add_column(column, overflow="fold", min_width=width)
        table.add_column("why", overflow="fold", ratio=1)
        for line in source.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            result = engine.determine(json.loads(line))
            goods = "; ".join(
                ", ".join(e["id"].split("/", 1)[1] for e in g.entries) or (g.identified_by or "?")
                for g in result.goods
            )
            # The provision that decides, rather than how the goods were identified.
            decisive = [r for r in result.reasons if not r.rule.startswith(("goods.", "identify."))]
            shown = decisive or result.reasons
            why = shown[0] if shown else None
            table.add_row(
                result.id or "",
                f"{result.jurisdiction} {result.date}",
                f"{result.activity.value}",
                goods,
                f"[{STYLE[result.outcome]}]{result.outcome.value}[/]",
                f"{why.citation}\n[dim]{why.rule}[/]" if why else "",
            )
        console.print(table)
        console.print(
            "Next: [bold]torturefree determine data/demo/transactions.jsonl[/] for the full JSON answers, "
            "[bold]torturefree lists diff --from 2025-08-19 --to 2025-08-20[/] for the 2025 replacement."
        )


def register(app: typer.Typer) -> None:
    app.command("tour")(tour)
