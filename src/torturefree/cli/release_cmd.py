"""`torturefree lists release build|verify|load|list|diff|changes`: signed list releases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, use_home
from torturefree.exchange.keys import Keyring, SigningKey
from torturefree.exchange.publickey import PublicKey
from torturefree.exchange.timefmt import now_utc
from torturefree.lists import load_catalogue
from torturefree.lists.files import parse_date
from torturefree.lists.release_archive import ReleaseFile, read_archive, write_archive
from torturefree.lists.release_build import build_release
from torturefree.lists.release_diff import diff_files, diff_releases
from torturefree.lists.release_feed import changes_feed
from torturefree.lists.release_index import ReleaseIndex
from torturefree.lists.release_keys import hub_keys
from torturefree.lists.release_open import open_catalogue
from torturefree.lists.release_sign import pem_signer, read_public_key
from torturefree.lists.release_store import ReleaseStore
from torturefree.lists.release_verify import verify_release
from torturefree.paths import builtin_data_dir, data_dir, home_dir

release_app = typer.Typer(help="Signed, content-addressed list releases.", no_args_is_help=True)
KeyOption = typer.Option(..., "--key", help="Public key: PEM file, JSON key file or KEY_ID:KEY.")
HubKeyOption = typer.Option(
    None,
    "--key",
    help="Public key: PEM file, JSON key file or KEY_ID:KEY (default: the hub's keys in the "
    "directory this node holds, the one the release names).",
)


def _keys(key: str | None) -> PublicKey | tuple[PublicKey, ...]:
    """The key given, else every hub key of the held directory (key rotation)."""
    return read_public_key(key) if key else hub_keys(home_dir()).keys


def _signer(pem: Path | None) -> tuple[SigningKey, str]:
    # The node's own key (torturefree exchange init) unless a PEM file is given.
    if pem is not None:
        return pem_signer(pem)
    key = Keyring(home_dir()).signing_key(now_utc())
    return key, key.public.public_key


def _summary(release: ReleaseFile) -> dict[str, Any]:
    manifest = release.manifest
    return {
        "release": manifest["release"],
        "sequence": manifest["sequence"],
        "previous": manifest["previous"],
        "issued_at": manifest["issued_at"],
        "key_id": release.header["signature"]["key_id"],
        "files": len(manifest["files"]),
        "changelog": manifest["changelog"]["text"],
    }


@release_app.command("build")
def build(
    out: Path = typer.Option(..., "--out", help="Write the release file here."),
    key: Path = typer.Option(None, "--key", help="Ed25519 PEM private key (default: the node's)."),
    previous: Path = typer.Option(None, "--previous", help="The previous release file."),
    data: Path = typer.Option(None, "--data", help="The data folder (default: the built-in)."),
    title: str = typer.Option(None, "--title", help="A title for the release."),
    home: Path = HomeOption,
) -> None:
    """Build and sign a release of the law data, with its changelog against --previous."""
    use_home(home)
    with exit_codes():
        signer, public = _signer(key)
        before = read_archive(previous) if previous else None
        release = build_release(data or builtin_data_dir(), signer, public, before, title=title)
        write_archive(out, release.header, release.files)
        print_json(_summary(release) | {"out": str(out)})


@release_app.command("verify")
def verify(file: Path = typer.Argument(..., help="A release file."), key: str = KeyOption) -> None:
    """Check the schema, the signature, every file's hash and the release id."""
    with exit_codes():
        release = read_archive(file)
        verify_release(release, read_public_key(key))
        print_json(_summary(release) | {"verified": True})


@release_app.command("load")
def load(
    file: Path = typer.Argument(..., help="A release file."),
    key: str | None = HubKeyOption,
    home: Path = HomeOption,
) -> None:
    """Verify a release and make it this node's law; a refused one leaves the node as it was."""
    use_home(home)
    with exit_codes():
        record, new = ReleaseStore(home_dir()).load(file, _keys(key))
        print_json(record.to_json() | {"loaded": new, "current": record.release})


@release_app.command("fetch")
def fetch(
    hub: str | None = typer.Argument(
        None, help="The hub's address (http:// or https://; default: the directory's hub)."
    ),
    key: str | None = HubKeyOption,
    home: Path = HomeOption,
) -> None:
    """Fetch the hub's current release, verify it and make it this node's law (as `load`)."""
    use_home(home)
    with exit_codes():
        from torturefree.lists.release_fetch import fetch_release

        address = hub or hub_keys(home_dir()).url
        done = fetch_release(address, _keys(key), home_dir())
        if done is None:
            print_json({"loaded": False, "current": None, "reason": "the hub published none"})
            return
        record, new = done
        print_json(record.to_json() | {"loaded": new, "current": record.release})


@release_app.command("list")
def list_releases(home: Path = HomeOption) -> None:
    """The releases this node loaded, and the law the engines read now."""
    use_home(home)
    with exit_codes():
        index = ReleaseIndex(home_dir())
        current = index.current()
        print_json(
            {
                "current": current.release if current else None,
                "engines_read": str(data_dir()),
                "builtin": load_catalogue(builtin_data_dir()).release,
                "releases": [r.to_json() for r in index.loaded()],
            }
        )


@release_app.command("diff")
def diff(
    a: str = typer.Argument(..., help="Release file, loaded release id, or 'builtin'."),
    b: str = typer.Argument(..., help="Release file, loaded release id, or 'builtin'."),
    home: Path = HomeOption,
) -> None:
    """Entries whose law differs between two releases, each on the date it starts to differ."""
    use_home(home)
    with exit_codes():
        old, old_files = open_catalogue(a, home_dir(), "A")
        new, new_files = open_catalogue(b, home_dir(), "B")
        changes = diff_releases(old, new)
        print_json(
            {
                "from": old.release,
                "to": new.release,
                "summary": {
                    k: sum(c["kind"] == k for c in changes) for k in ("added", "removed", "changed")
                },
                "changes": changes,
                "files": diff_files(old_files, new_files),
            }
        )


@release_app.command("changes")
def changes(
    on: str = typer.Option(None, "--on", help="The day (default today)."),
    release: str = typer.Option(None, "--release", help="Release (default: the law in use)."),
    home: Path = HomeOption,
) -> None:
    """What changes in the law on a day, as a JSON Feed (for customs and traders)."""
    use_home(home)
    with exit_codes():
        day = parse_date(on, field="--on") if on else dt.date.today()
        catalogue = (
            open_catalogue(release, home_dir(), "--release")[0] if release else load_catalogue()
        )
        print_json(changes_feed(catalogue, day))
