"""`torturefree releases apply-due`: the node applies the law of its loaded release on the day."""

from __future__ import annotations

from pathlib import Path

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, use_home
from torturefree.lists.files import parse_date

releases_app = typer.Typer(
    help="Applying list releases in the licensing service.", no_args_is_help=True
)


@releases_app.command("apply-due")
def apply_due(
    on: str = typer.Option(None, "--on", help="The day (default today)."),
    force: bool = typer.Option(False, "--force", help="Re-determine every open case and licence."),
    home: Path = HomeOption,
) -> None:
    """Re-determine open cases and valid licences when the law changes today or a new release was
    loaded; each changed answer becomes an alert on its case (also run daily by the worker)."""
    use_home(home)
    with exit_codes():
        from torturefree.cli.service_cmd import _django

        _django()
        from torturefree_service.audit.services import audit_flush
        from torturefree_service.releases.services import releases_apply_due

        day = parse_date(on, field="--on") if on else None
        result = releases_apply_due(day=day, force=force)
        audit_flush()
        print_json(result)


def register(app: typer.Typer) -> None:
    app.add_typer(releases_app, name="releases")
