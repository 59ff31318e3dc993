"""`torturefree amendments change|release|publish`: what an adopted (or repealed) request changes
in data/, the draft signed release, and publishing it on the hub for nodes to fetch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from torturefree.cli.amendments_cmd import hub, unified
from torturefree.cli.common import HomeOption, exit_codes, print_json

DataOption = typer.Option(None, "--data", help="The data folder (default: the hub's law).")


def register_release(app: typer.Typer) -> None:
    app.command("change")(change)
    app.command("release")(release)
    app.command("publish")(publish)


def change(
    request: Annotated[str, typer.Argument(help="The request id.")],
    data: Path | None = DataOption,
    write: Annotated[bool, typer.Option("--write", help="Apply it to --data.")] = False,
    home: Path | None = HomeOption,
) -> None:
    """The data/ change the request's outcome makes, as a diff to review (--write applies it)."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.services import procedure_of

        from torturefree.lists.amendments.draft import data_change
        from torturefree.paths import data_dir

        root = data or data_dir()
        found = data_change(procedure_of(request), root)
        if write:
            found.apply(root)
        print_json(
            {
                "path": found.path,
                "summary": found.summary,
                "written": write,
                "diff": unified(found.path, found.before, found.after),
            }
        )


def release(
    request: Annotated[str, typer.Argument(help="The request id.")],
    work: Annotated[Path, typer.Option("--work", help="Folder for data/ and release.tar.")],
    previous: Annotated[
        Path | None, typer.Option("--previous", help="Default: the last published.")
    ] = None,
    key: Annotated[
        Path | None, typer.Option("--key", help="PEM private key (default: the hub's).")
    ] = None,
    data: Path | None = DataOption,
    home: Path | None = HomeOption,
) -> None:
    """Build the draft signed release of the request's outcome in --work (not published)."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.releases import draft

        built = draft(request, work, key, previous, data)
        manifest = built.release.manifest
        print_json(
            {
                "release": built.release.release,
                "sequence": manifest["sequence"],
                "previous": manifest["previous"],
                "title": manifest.get("title"),
                "out": str(work / "release.tar"),
                "entries": built.entries,
                "changelog": manifest["changelog"]["text"],
                "diff": unified(built.change.path, built.change.before, built.change.after),
            }
        )


def publish(
    file: Annotated[Path, typer.Argument(help="A release file the hub signed.")],
    home: Path | None = HomeOption,
) -> None:
    """Publish a reviewed release: served at /releases/ for nodes, and the hub's own law."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.releases import publish as publish_it

        row, new = publish_it(file)
        print_json(
            {"release": row.release, "sequence": row.sequence, "new": new, "sha256": row.sha256}
        )
