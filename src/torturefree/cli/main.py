"""The `torturefree` command: one Typer app, each command group in its own module."""

from __future__ import annotations

import importlib

import typer

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
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def run() -> None:
    app()


if __name__ == "__main__":
    run()
