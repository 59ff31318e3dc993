"""`torturefree hub account add`: a sign-in for the hub's pages with one of the case-review
roles (secretariat, analyst, reviewer, state_focal_point, organisation; docs/hub.md). The
password is asked for (or read from standard input) unless given with --password, which
leaves it in the shell's history: scripts and tests only."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from torturefree.cli.common import HomeOption

account_app = typer.Typer(help="Accounts on the hub's pages (case review).", no_args_is_help=True)


@account_app.command("add")
def account_add(
    username: Annotated[str, typer.Argument(help="The sign-in name.")],
    role: Annotated[
        str,
        typer.Option(
            "--role", help="secretariat, analyst, reviewer, state_focal_point or organisation."
        ),
    ],
    by: Annotated[str, typer.Option("--by", help="Who makes it (recorded in the ledger).")],
    state: Annotated[str, typer.Option("--state", help="A focal point's state (ISO code).")] = "",
    organisation: Annotated[
        str, typer.Option("--organisation", help="An organisation account's name.")
    ] = "",
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="An organisation's kind: un_mechanism, regional_mechanism, npm, state, "
            "civil_society.",
        ),
    ] = "",
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            help="Asked for when not given (standard input works).",
        ),
    ] = "",
    home: Path | None = HomeOption,
) -> None:
    """Make an account; a focal point sees the cases naming its state, an organisation its own."""
    from torturefree.cli.hub_case_cmd import _run

    def action() -> dict[str, str]:
        from torturefree_service.hub.desk import account_add as add

        made = add(
            username, password, role, by=by, state=state, organisation=organisation, kind=kind
        )
        return {"username": username, "role": made.role, "state": made.state}

    _run(home, action)
