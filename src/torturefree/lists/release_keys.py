"""Which hub key verifies a release, when the hub's keys rotate (docs/releases.md, "Keys").

The hub lists its keys in the signed directory every node holds (`exchange directory load`), each
with `valid_from` / `valid_until`, as every participant's keys are. A release names the key it was
signed with (`signature.key_id`); it verifies only with the hub key of that id, valid at the
release's `issued_at`. So after a rotation the releases signed before it keep verifying with the
old key, new ones verify with the new key, and a release signed with a key the hub never listed,
or with an old key after it ended, is refused (check `signature`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from torturefree.exchange.directory_store import DirectoryStore
from torturefree.exchange.publickey import PublicKey
from torturefree.exchange.timefmt import parse_time
from torturefree.lists.release_archive import ReleaseFile
from torturefree.lists.release_errors import SIGNATURE, ReleaseRefused

HUB = "HUB"
FETCH = "fetch"


@dataclass(frozen=True)
class HubKeys:
    """The hub as the node's directory lists it: its address and every key it published."""

    url: str
    keys: tuple[PublicKey, ...]


def hub_keys(home: Path) -> HubKeys:
    """The hub of the directory this node holds; refused when it holds none naming the hub."""
    directory = DirectoryStore(home).held()
    hub = directory.peer(HUB) if directory is not None else None
    if hub is None or not hub.keys:
        raise ReleaseRefused(
            FETCH,
            "this node holds no directory listing the hub's keys: load one "
            "(`exchange directory load`), or give the hub's address and --key",
            field="--key",
        )
    return HubKeys(url=hub.url, keys=tuple(hub.keys))


@dataclass(frozen=True)
class NamedRelease:
    """The list release the hub's signed directory names as current (field `list_release`)."""

    release: str
    sequence: int
    issued_at: str
    directory_version: int


def named_release(home: Path) -> NamedRelease | None:
    """What the directory this node holds names; None when it names none (an older hub, or one
    of another implementation: the field is this implementation's) or names it malformed."""
    document = DirectoryStore(home).held_document() or {}
    named = document.get("list_release")
    if not isinstance(named, dict):
        return None
    release, sequence = named.get("release"), named.get("sequence")
    if not isinstance(release, str) or not isinstance(sequence, int) or isinstance(sequence, bool):
        return None
    issued = str(named.get("issued_at", ""))
    return NamedRelease(release, sequence, issued, int(document.get("version", 0)))


def key_for(release: ReleaseFile, keys: Sequence[PublicKey]) -> PublicKey:
    """The key of `keys` that must verify `release`: the one it names, valid when it was issued."""
    signature = release.header.get("signature")
    manifest = release.header.get("manifest")
    key_id = signature.get("key_id") if isinstance(signature, dict) else None
    issued = manifest.get("issued_at") if isinstance(manifest, dict) else None
    if not isinstance(key_id, str) or not isinstance(issued, str):
        return keys[0]  # the schema check refuses it first, naming the field
    found = next((k for k in keys if k.key_id == key_id), None)
    if found is None:
        listed = ", ".join(k.key_id for k in keys)
        raise ReleaseRefused(
            SIGNATURE,
            f"signed with key {key_id}, which the hub does not list ({listed})",
            field="signature.key_id",
        )
    try:
        moment = parse_time(issued)
    except ValueError:
        return found  # the schema check refuses it, naming issued_at
    if not found.valid_at(moment):
        until = found.valid_until.isoformat() if found.valid_until else "open"
        raise ReleaseRefused(
            SIGNATURE,
            f"key {key_id} is valid {found.valid_from.isoformat()} to {until}, "
            f"not at the release's issued_at {issued}",
            field="signature.key_id",
        )
    return found
