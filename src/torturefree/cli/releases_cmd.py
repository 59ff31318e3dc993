"""`torturefree releases apply-due | fetch`: the node fetches the hub's release and applies the law
of its loaded release on the day."""

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


@releases_app.command("fetch")
def fetch(
    on: str = typer.Option(
        None, "--on", help="The day to apply a new release for (default today)."
    ),
    home: Path = HomeOption,
) -> None:
    """Fetch the hub's current release with the directory's hub keys and, when it is new, apply
    what is due at once (also run hourly by the worker)."""
    use_home(home)
    with exit_codes():
        from torturefree.cli.service_cmd import _django

        _django()
        from torturefree_service.audit.services import audit_flush
        from torturefree_service.releases.fetching import releases_fetch

        result = releases_fetch(day=parse_date(on, field="--on") if on else None)
        audit_flush()
        print_json(result)


def register(app: typer.Typer) -> None:
    app.add_typer(releases_app, name="releases")
