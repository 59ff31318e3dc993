"""The `torturefree` command: one Typer app, each command group in its own module."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import typer

from torturefree.cli.reference import render_cli_reference

app = typer.Typer(
    name="torturefree",
    help="Controls on trade in goods used for torture and capital punishment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines register(app). Add a command group by adding its module here.
COMMAND_MODULES: tuple[str, ...] = (
    "torturefree.cli.screening_cmd",
    "torturefree.cli.lists_cmd",
    "torturefree.cli.determine_cmd",
    "torturefree.cli.tour_cmd",
    "torturefree.cli.records_cmd",
    "torturefree.cli.risk_cmd",
    "torturefree.cli.classify_cmd",
    "torturefree.cli.service_cmd",
    "torturefree.cli.ops_cmd",
    "torturefree.cli.exchange_cmd",
    "torturefree.cli.trade_cmd",
    "torturefree.cli.releases_cmd",
    "torturefree.cli.hub_cmd",
    "torturefree.cli.amendments_cmd",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


@app.command("reference")
def reference(
    out: Path = typer.Option(None, "--out", help="Write the Markdown here (default: stdout)."),
) -> None:
    """The command reference in Markdown (docs/cli.md), generated from the commands themselves."""
    text = render_cli_reference(app)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def run() -> None:
    app()


if __name__ == "__main__":
    run()
