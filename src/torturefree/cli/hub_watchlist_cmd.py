"""`torturefree hub watchlist ...`: the shared watchlist on the hub (docs/hub.md, seed ¶109).

Analysts propose, two other reviewers approve (four eyes), anyone of them delists with a reason;
`publish` makes the next signed version that nodes import with
`torturefree watchlist import --format torture-csv`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json
from torturefree.errors import InputError

watchlist_app = typer.Typer(help="The shared watchlist (seed ¶109).", no_args_is_help=True)
ByOption = typer.Option("--by", help="The analyst or reviewer acting (recorded in the history).")


def _setup(home: Path | None) -> None:
    from torturefree.cli.hub_cmd import _hub

    _hub(home)


def _refused(error: Exception) -> InputError:
    code, message = getattr(error, "code", "refused"), getattr(error, "message", str(error))
    return InputError(f"{code}: {message}", field=getattr(error, "field", None))


def _summary(row: Any) -> dict[str, Any]:
    return {
        "listing": row.pk,
        "id": row.public_id,
        "proposer": row.proposer,
        "name": row.name,
        "kind": row.kind,
        "status": row.status,
    }


@watchlist_app.command("propose")
def propose(
    body: Annotated[Path, typer.Argument(help="A watchlist_update body (action propose).")],
    by: Annotated[str, ByOption],
    home: Path | None = HomeOption,
) -> None:
    """Propose a listing as the hub's analyst (checked against the watchlist_update schema)."""
    from torturefree.cli.hub_cmd import _json
    from torturefree.exchange.errors import Refusal
    from torturefree.exchange.schemas import validate_body

    with exit_codes():
        _setup(home)
        from torturefree_service.hub.watchlist import WatchlistError
        from torturefree_service.hub.watchlist import propose as save

        value = _json(body, "BODY")
        try:
            validate_body("watchlist_update", value)
            if value["action"] != "propose":
                raise InputError("an analyst proposes here; delist with `delist`", field="action")
            row = save("HUB", value["reference"], value["listing"], by=by)
        except (Refusal, WatchlistError) as error:
            raise _refused(error) from error
        print_json(_summary(row))


@watchlist_app.command("review")
def review(
    listing: Annotated[int, typer.Argument(help="The listing number (`list`).")],
    by: Annotated[str, ByOption],
    approve: Annotated[bool, typer.Option("--approve/--reject", help="The decision.")],
    note: Annotated[str, typer.Option("--note", help="Why (kept in the history).")] = "",
    home: Path | None = HomeOption,
) -> None:
    """Approve or reject a proposal: listed after two approvals by different reviewers."""
    with exit_codes():
        _setup(home)
        from torturefree_service.hub.watchlist import WatchlistError, listing_by_id
        from torturefree_service.hub.watchlist import review as decide

        try:
            row = listing_by_id(listing)
            decide(row, by, approve, note)
        except WatchlistError as error:
            raise _refused(error) from error
        row.refresh_from_db()
        print_json(_summary(row))


@watchlist_app.command("delist")
def delist(
    listing: Annotated[int, typer.Argument(help="The listing number (`list`).")],
    by: Annotated[str, ByOption],
    reason: Annotated[str, typer.Option("--reason", help="Why it is delisted (published).")],
    home: Path | None = HomeOption,
) -> None:
    """Delist a listing with its reason (it stays in the list as delisted, with its history)."""
    with exit_codes():
        _setup(home)
        from torturefree_service.hub.watchlist import WatchlistError, listing_by_id
        from torturefree_service.hub.watchlist import delist as end

        try:
            row = end(listing_by_id(listing), actor=by, reason=reason)
        except WatchlistError as error:
            raise _refused(error) from error
        print_json(_summary(row))


@watchlist_app.command("list")
def listings(
    status: Annotated[str | None, typer.Option("--status", help="Only this status.")] = None,
    home: Path | None = HomeOption,
) -> None:
    """Every listing with its status (proposed, rejected, listed, delisted, withdrawn)."""
    with exit_codes():
        _setup(home)
        from torturefree_service.hub.models import WatchlistListing

        rows = WatchlistListing.objects.order_by("id")
        print_json([_summary(r) for r in (rows.filter(status=status) if status else rows)])


@watchlist_app.command("publish")
def publish(
    out: Annotated[Path | None, typer.Option("--out", help="Also write the CSV here.")] = None,
    home: Path | None = HomeOption,
) -> None:
    """Sign the listed and delisted entries as the next version (none if nothing changed)."""
    with exit_codes():
        _setup(home)
        from torturefree_service.hub.watchlistrelease import publish as release

        row, new = release()
        if out is not None:
            out.write_text(row.content, encoding="utf-8")
        print_json(
            {
                "version": row.version,
                "new": new,
                "sha256": row.sha256,
                "listed": row.listed,
                "delisted": row.delisted,
            }
        )
