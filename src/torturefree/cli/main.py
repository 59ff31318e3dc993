"""The `torturefree` command: one Typer app, each command group in its own module."""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path
from typing import Any

import typer

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

# Commands `run()` answers by importing only the module that registers them: a `screen` of
# 2,000 names should not first import the exchange, records, rules and service libraries
# (about a second). Everything else, --help included, gets the whole app.
# tests/test_cli_fast.py checks each name is registered by its module.
FAST_COMMANDS: dict[str, str] = {
    "screen": "torturefree.cli.screening_cmd",
    "watchlist": "torturefree.cli.screening_cmd",
}

HELP = "Controls on trade in goods used for torture and capital punishment."


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="torturefree",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )


@cache
def full_app() -> typer.Typer:
    """The app with every command group and `reference`."""
    application = _new_app()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(application)

    @application.command("reference")
    def reference(
        out: Path = typer.Option(None, "--out", help="Write the Markdown here (default: stdout)."),
    ) -> None:
        """The command reference in Markdown (docs/cli.md), generated from the commands themselves."""
        from torturefree.cli.reference import render_cli_reference

        text = render_cli_reference(application)
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")

    return application


def fast_app(command: str) -> typer.Typer | None:
    """An app holding only `command`'s module, or None when `command` is not a fast one."""
    module = FAST_COMMANDS.get(command)
    if module is None:
        return None
    application = _new_app()

    @application.callback()
    def _group() -> None:
        """Keeps the app a group, so the command is still named on the command line."""

    importlib.import_module(module).register(application)
    return application


def __getattr__(name: str) -> Any:
    if name == "app":  # `from torturefree.cli.main import app`: the whole app, built on first use
        return full_app()
    raise AttributeError(name)


def run() -> None:
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    (fast_app(first) or full_app())()


if __name__ == "__main__":
    run()
