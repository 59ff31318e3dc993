"""`torturefree exchange ...`: this node's identity, keys, directory and pinned peers.

The commands that need the database (`send`, `inbox`, `outbox`, `deliver`) are added by the
service's module on the same `exchange_app`; `node_for` and `parse_date` are shared with it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, stderr, use_home
from torturefree.errors import InputError
from torturefree.exchange.directory import Participant, directory_document, sign_directory
from torturefree.exchange.directory_store import fetch_directory
from torturefree.exchange.node import Node, NodeSettings, accepted_types, check_settings
from torturefree.exchange.publickey import parse_key_spec
from torturefree.exchange.timefmt import parse_day
from torturefree.paths import home_dir

exchange_app = typer.Typer(
    help="Signed messages between states' nodes (docs/exchange.md).", no_args_is_help=True
)
keys_app = typer.Typer(help="This node's Ed25519 keys: list, rotate, retire.", no_args_is_help=True)
directory_app = typer.Typer(help="The hub-signed directory of participants.", no_args_is_help=True)
peer_app = typer.Typer(help="Peers pinned by hand by an operator.", no_args_is_help=True)

AcceptsOption = typer.Option(
    "--accepts", help="A message type accepted (repeat; default: every type)."
)


def register(app: typer.Typer) -> None:
    from torturefree.cli import exchange_demo_cmd, exchange_queue_cmd

    exchange_queue_cmd.register(exchange_app)
    exchange_demo_cmd.register(exchange_app)
    exchange_app.add_typer(keys_app, name="keys")
    exchange_app.add_typer(directory_app, name="directory")
    exchange_app.add_typer(peer_app, name="peer")
    app.add_typer(exchange_app, name="exchange")


def node_for(home: Path | None) -> Node:
    """The exchange node whose state folder is --home (or $TORTUREFREE_HOME)."""
    use_home(home)
    return Node(home_dir())


def parse_date(text: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value, or None; bad input names the option."""
    return None if text is None else required_date(text, option)


def required_date(text: str, option: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError as error:
        raise InputError(str(error), field=option) from error


@exchange_app.command("init")
def init(
    state: Annotated[str, typer.Option("--state", help="ISO 3166-1 alpha-2, or HUB.")],
    url: Annotated[
        str, typer.Option("--url", help="This node's base URL (inbox at /exchange/v1/inbox).")
    ],
    name: Annotated[str, typer.Option("--name", help="The authority's name.")] = "",
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="Jurisdiction profile (EU, UN-A, UN-A+DP, UN-B, ...)."),
    ] = None,
    office: Annotated[str, typer.Option("--office", help="Contact office.")] = "",
    email: Annotated[str, typer.Option("--email", help="Contact e-mail.")] = "",
    annex: Annotated[
        list[str] | None, typer.Option("--annex", help="An annex opted into (repeat).")
    ] = None,
    accepts: Annotated[list[str] | None, AcceptsOption] = None,
    valid_from: Annotated[
        str | None, typer.Option("--valid-from", help="First key valid from (default today).")
    ] = None,
    home: Path | None = HomeOption,
) -> None:
    """Create this node's key pair if it has none; print its directory entry as JSON."""
    with exit_codes():
        node = node_for(home)
        contact = {k: v for k, v in (("office", office), ("email", email)) if v}
        settings = NodeSettings(
            state=state,
            url=url,
            name=name,
            profile=profile,
            annexes_opted_in=tuple(annex or ()),
            accepts=accepted_types(accepts),
            contact=contact,
        )
        start = parse_date(valid_from, "--valid-from")
        print_json(node.init(settings, start).to_json())


@exchange_app.command("entry")
def entry(home: Path | None = HomeOption) -> None:
    """Print this node's directory entry (send it to the hub after a key rotation)."""
    with exit_codes():
        print_json(node_for(home).entry().to_json())


@keys_app.command("list")
def keys_list(home: Path | None = HomeOption) -> None:
    """Every key of this node with its validity; retired keys have lost their private half."""
    with exit_codes():
        print_json([e.to_json() for e in node_for(home).keyring.entries()])


@keys_app.command("rotate")
def keys_rotate(
    valid_from: Annotated[
        str, typer.Option("--valid-from", help="The new key is valid from (YYYY-MM-DD).")
    ],
    valid_until: Annotated[
        str | None, typer.Option("--valid-until", help="The new key is valid until (inclusive).")
    ] = None,
    home: Path | None = HomeOption,
) -> None:
    """A new key from --valid-from; older keys end the day before and keep verifying."""
    with exit_codes():
        keyring = node_for(home).keyring
        start = required_date(valid_from, "--valid-from")
        end = parse_date(valid_until, "--valid-until")
        key = keyring.rotate(start, end)
        print_json(key.to_json())
        stderr.print("Publish the new entry (`torturefree exchange entry`) before it starts.")


@keys_app.command("retire")
def keys_retire(
    key_id: Annotated[str, typer.Argument(help="The key whose private half is deleted.")],
    home: Path | None = HomeOption,
) -> None:
    """Delete a key's private half; its public half stays listed to verify what it signed."""
    with exit_codes():
        node_for(home).keyring.retire(key_id)
        print_json({"retired": key_id})


@directory_app.command("build")
def directory_build(
    entries: Annotated[list[Path], typer.Argument(help="Entry files printed by `exchange init`.")],
    version: Annotated[int, typer.Option("--version", min=0, help="The directory's version.")],
    out: Annotated[Path, typer.Option("--out", help="Write the (unsigned) directory here.")],
) -> None:
    """Put participants' entries into one (unsigned) directory object, for the hub to sign."""
    with exit_codes():
        participants = [Participant.from_json(_read_json(p), str(p)) for p in entries]
        out.write_text(json.dumps(directory_document(version, participants), indent=2) + "\n")


@directory_app.command("sign")
def directory_sign(
    path: Annotated[Path, typer.Argument(help="The directory object (JSON).")],
    out: Annotated[Path, typer.Option("--out", help="Write the signed directory here.")],
    home: Path | None = HomeOption,
) -> None:
    """Sign a directory with this participant's current key (the hub's node, or a test's)."""
    with exit_codes():
        key = node_for(home).signing_key()
        out.write_bytes(sign_directory(_read_json(path), key))
        print_json({"signed_by": key.key_id, "public_key": key.public.public_key, "out": str(out)})


@directory_app.command("load")
def directory_load(
    path: Annotated[str, typer.Argument(help="The signed directory: a file, or the hub's URL.")],
    hub_key: Annotated[
        str | None,
        typer.Option("--hub-key", help="The hub's public key (base64url; default: the one held)."),
    ] = None,
    home: Path | None = HomeOption,
) -> None:
    """Verify a signed directory with the hub's key and use it (never an older version)."""
    with exit_codes():
        node = node_for(home)
        key = hub_key or node.directories.hub_key()
        if key is None:
            raise InputError("no hub key held yet: give --hub-key", field="--hub-key")
        if path.startswith(("http://", "https://")):
            raw = fetch_directory(path)
        else:
            raw = _read_bytes(Path(path))
        directory = node.directories.load(raw, key)
        print_json({"version": directory.version, "participants": sorted(directory.participants)})


@directory_app.command("show")
def directory_show(home: Path | None = HomeOption) -> None:
    """The directory in use: the loaded one with pinned peers (marked pinned) over it."""
    with exit_codes():
        print_json(node_for(home).directories.current().to_json())


@peer_app.command("pin")
def peer_pin(
    state: Annotated[str, typer.Option("--state", help="The peer's state.")],
    url: Annotated[str, typer.Option("--url", help="The peer's base URL.")],
    key: Annotated[
        list[str],
        typer.Option("--key", help="KEY_ID:PUBLIC_KEY[:VALID_FROM[:VALID_UNTIL]] (repeat)."),
    ],
    name: Annotated[str, typer.Option("--name", help="The peer authority's name.")] = "",
    profile: Annotated[
        str | None, typer.Option("--profile", help="Its jurisdiction profile.")
    ] = None,
    accepts: Annotated[list[str] | None, AcceptsOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """Add a peer by hand (keys checked out of band); it wins over the directory for its state."""
    with exit_codes():
        keys = []
        for index, spec in enumerate(key):
            try:
                keys.append(parse_key_spec(spec))
            except ValueError as error:
                raise InputError(str(error), field=f"--key[{index}]") from error
        settings = NodeSettings(state, url, name, profile, (), accepted_types(accepts))
        check_settings(settings)
        peer = Participant(state, url, tuple(keys), name, profile, (), settings.accepts, {}, True)
        node_for(home).directories.pin(peer)
        print_json(peer.to_json())


@peer_app.command("unpin")
def peer_unpin(
    state: Annotated[str, typer.Option("--state", help="The pinned peer's state.")],
    home: Path | None = HomeOption,
) -> None:
    """Remove a pinned peer (the directory's entry for that state, if any, applies again)."""
    with exit_codes():
        removed = node_for(home).directories.unpin(state)
        print_json({"unpinned": state, "was_pinned": removed})


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise InputError("no such file", field="PATH", source=str(path))
    return path.read_bytes()


def _read_json(path: Path) -> object:
    try:
        return json.loads(_read_bytes(path))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not JSON: {error}", field="PATH", source=str(path)) from error
