"""`torturefree hub ...` (the hub's participants, directory, register) and `torturefree register
verify` (offline checks of a downloaded register copy or an entry's proof, no hub needed).

The hub commands run the hub's Django settings (`torturefree_service.hub_settings`) on --home.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, stderr, use_home
from torturefree.cli.hub_account_cmd import account_app
from torturefree.cli.hub_case_cmd import case_app
from torturefree.cli.hub_report_cmd import report_app
from torturefree.cli.hub_watchlist_cmd import watchlist_app
from torturefree.errors import InputError
from torturefree.register.copy import PROOF_FORMAT, verify_copy, verify_proof_document

hub_app = typer.Typer(help="The monitoring body's hub (docs/hub.md).", no_args_is_help=True)
participant_app = typer.Typer(help="States taking part, with their keys.", no_args_is_help=True)
hub_directory_app = typer.Typer(
    help="The signed directory the hub publishes.", no_args_is_help=True
)
hub_register_app = typer.Typer(help="The register of authorised traders.", no_args_is_help=True)
register_app = typer.Typer(help="Check the hub's register offline.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    hub_app.add_typer(participant_app, name="participant")
    hub_app.add_typer(hub_directory_app, name="directory")
    hub_app.add_typer(hub_register_app, name="register")
    hub_app.add_typer(watchlist_app, name="watchlist")
    hub_app.add_typer(case_app, name="case")
    hub_app.add_typer(account_app, name="account")
    hub_app.add_typer(report_app, name="report")
    app.add_typer(hub_app, name="hub")
    app.add_typer(register_app, name="register")


def _hub(home: Path | None) -> None:
    """The hub's settings on --home, database migrated."""
    use_home(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torturefree_service.hub_settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _read(path: Path, option: str) -> bytes:
    if not path.is_file():
        raise InputError("no such file", field=option, source=str(path))
    return path.read_bytes()


def _json(path: Path, option: str) -> Any:
    try:
        return json.loads(_read(path, option))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not JSON: {error}", field=option, source=str(path)) from error


@participant_app.command("add")
def participant_add(
    entry: Annotated[Path, typer.Argument(help="The entry `torturefree exchange init` printed.")],
    profile: Annotated[
        str | None, typer.Option("--profile", help="Override its profile (data/profiles id).")
    ] = None,
    annex: Annotated[
        list[str] | None, typer.Option("--annex", help="An annex opted into (repeat; replaces).")
    ] = None,
    home: Path | None = HomeOption,
) -> None:
    """Add a participant, or update it (keys added, never dropped); then `directory publish`."""
    with exit_codes():
        _hub(home)
        from torturefree_service.hub.participants import entry_from_json, participant_save

        value = _json(entry, "ENTRY")
        if isinstance(value, dict) and profile is not None:
            value["profile"] = profile
        if isinstance(value, dict) and annex is not None:
            value["annexes_opted_in"] = list(annex)
        saved = participant_save(entry_from_json(value, "ENTRY"))
        print_json({"state": saved.state, "keys": saved.keys.count(), "profile": saved.profile})


@participant_app.command("list")
def participant_list(home: Path | None = HomeOption) -> None:
    """Every participant as the next directory will list it."""
    with exit_codes():
        _hub(home)
        from torturefree_service.hub.participants import entries

        print_json([e.to_json() for e in entries()])


@hub_directory_app.command("publish")
def directory_publish(
    out: Annotated[Path | None, typer.Option("--out", help="Also write it to this file.")] = None,
    home: Path | None = HomeOption,
) -> None:
    """Sign the participants as the next version (none if nothing changed); serve it at
    /exchange/v1/directory."""
    with exit_codes():
        _hub(home)
        from torturefree_service.hub.participants import directory_publish as publish

        row, new = publish()
        if out is not None:
            out.write_bytes(bytes(row.signed))
        print_json({"version": row.version, "new": new, "sha256": row.sha256, "out": str(out)})


@hub_register_app.command("append")
def register_append(
    message: Annotated[Path, typer.Argument(help="A signed register_update message (bytes).")],
    home: Path | None = HomeOption,
) -> None:
    """Verify a node's signed register_update against the directory and append it."""
    with exit_codes():
        _hub(home)
        from torturefree_service.hub.register import register_receive

        row = register_receive(_read(message, "MESSAGE"))
        print_json({"index": row.index, "state": row.state, "action": row.action})


@hub_register_app.command("head")
def register_head(home: Path | None = HomeOption) -> None:
    """The latest signed tree head."""
    with exit_codes():
        _hub(home)
        from torturefree_service.hub.register import tree_head

        print_json(tree_head())


@register_app.command("verify")
def register_verify(
    path: Annotated[Path, typer.Argument(help="A copy (register.jsonl) or a proof (JSON).")],
    hub_key: Annotated[str, typer.Option("--hub-key", help="The hub's public key (base64url).")],
    entry: Annotated[
        int | None, typer.Option("--entry", help="With a copy: also prove this entry.")
    ] = None,
) -> None:
    """Offline: a copy's entries hash to its signed root, or an entry's proof leads to it."""
    with exit_codes():
        text = _read(path, "PATH").decode("utf-8", errors="replace")
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # JSON Lines: a copy
        if isinstance(whole, dict) and whole.get("format") == PROOF_FORMAT:
            report = verify_proof_document(whole, hub_key)
            kind = "proof"
        else:
            report = verify_copy(text.splitlines(), hub_key, entry)
            kind = "copy"
        stderr.print(f"verified: {kind} of a register of {report.tree_size} entries")
        print_json({"verified": kind, **report.__dict__})
