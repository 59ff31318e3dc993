"""`torturefree hub report ...`: the states' annual reports filed with the hub (docs/hub.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json
from torturefree.errors import InputError

report_app = typer.Typer(help="The states' annual reports (issue 14).", no_args_is_help=True)


@report_app.command("file")
def report_file(
    path: Annotated[Path, typer.Argument(help="A state's `report annual --format json --public`.")],
    state: Annotated[str, typer.Option("--state", help="The participating state reporting.")],
    by: Annotated[str, typer.Option("--by", help="Who files it (secretariat).")],
    home: Path | None = HomeOption,
) -> None:
    """File a state's public annual report (the latest per state and year counts)."""
    from torturefree.cli.hub_cmd import _hub

    with exit_codes():
        try:
            document: Any = json.loads(path.read_bytes())
        except (OSError, ValueError) as error:
            raise InputError(f"not a JSON file: {error}", field="PATH", source=str(path)) from error
        _hub(home)
        from torturefree_service.hub.reports import file_report

        row, new = file_report(document, state, by)
        print_json({"state": row.state, "year": row.year, "sha256": row.sha256, "new": new})


@report_app.command("overview")
def report_overview(
    year: Annotated[int, typer.Option("--year", help="The year reported on.")],
    home: Path | None = HomeOption,
) -> None:
    """The year's reports together: who reported (nil reports marked), who did not, the sums."""
    from torturefree.cli.hub_cmd import _hub

    with exit_codes():
        _hub(home)
        from torturefree_service.hub.reports import year_overview

        print_json(year_overview(year))
