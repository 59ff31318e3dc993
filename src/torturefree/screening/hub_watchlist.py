"""The hub's shared watchlist (seed ¶109) on a node: a signed release, verified, then imported.

The hub publishes each version as a torture-csv file and its signed release
`{"release": {format, version, sha256, listed, delisted, published_at, key_id}, "signature"}`
(Ed25519 over the RFC 8785 form of `release`, with the hub's exchange key). A node verifies it
with the hub's keys from the signed directory it holds (the key the release names, valid at
`published_at`), checks the file's SHA-256 against it, refuses a version older than the one it
imported (a rollback), and only then imports the file as the watchlist `hub`. The release last
imported is kept beside the screening store (`watchlists/hub-release.json`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.exchange.canonical import canonical
from torturefree.exchange.publickey import PublicKey, unb64url
from torturefree.exchange.timefmt import parse_time
from torturefree.lists.release_errors import ReleaseRefused
from torturefree.lists.release_keys import hub_keys
from torturefree.paths import home_dir
from torturefree.screening.service import import_watchlist
from torturefree.screening.store import WatchlistStore

RELEASE_FORMAT = "torturefree-watchlist-release/1"
NAME = "hub"
FORMAT = "torture-csv"
LIMIT = 32 * 1024 * 1024
# The key_id of a key given by hand (`watchlist pull --key`): it stands for whichever id the
# release names, since the person who gave it vouches for it; directory keys match by id.
GIVEN = "--key"
log = logging.getLogger(__name__)


class WatchlistRefused(InputError):
    """A release the node does not import: `check` says which test failed (nothing changes)."""

    def __init__(self, check: str, reason: str, *, field: str | None = None) -> None:
        self.check = check
        super().__init__(reason, field=field)


def verify_release(signed: Any, keys: Sequence[PublicKey]) -> dict[str, Any]:
    """The release of a signed release document, when one of the hub's `keys` signed it."""
    release = signed.get("release") if isinstance(signed, dict) else None
    if not isinstance(release, dict) or release.get("format") != RELEASE_FORMAT:
        raise WatchlistRefused("format", f"not a {RELEASE_FORMAT} document", field="release.format")
    for field in ("version", "sha256", "published_at", "key_id"):
        if field not in release:
            raise WatchlistRefused(
                "format", f"the release has no {field}", field=f"release.{field}"
            )
    key = next((k for k in keys if k.key_id in (release["key_id"], GIVEN)), None)
    if key is None:
        raise WatchlistRefused(
            "signature",
            f"signed with {release['key_id']}, a key the hub does not list",
            field="release.key_id",
        )
    try:
        moment = parse_time(str(release["published_at"]))
    except ValueError as error:
        raise WatchlistRefused("format", str(error), field="release.published_at") from error
    if not key.valid_at(moment):
        raise WatchlistRefused(
            "signature",
            f"key {key.key_id} was not valid at {release['published_at']}",
            field="release.key_id",
        )
    try:
        signature = unb64url(str(signed.get("signature", "")))
    except ValueError as error:
        raise WatchlistRefused("signature", f"not base64url: {error}", field="signature") from error
    if not key.verifies(signature, canonical(release)):
        raise WatchlistRefused(
            "signature", "the hub's signature does not verify", field="signature"
        )
    return release


def check_content(release: dict[str, Any], content: bytes) -> None:
    if hashlib.sha256(content).hexdigest() != release["sha256"]:
        raise WatchlistRefused("sha256", "the file is not the one the hub signed", field="sha256")


def check_file(signed: Any, content: bytes, fmt: str, keys: Sequence[PublicKey]) -> dict[str, Any]:
    """A downloaded version (torture-csv or its FtM rendition) against the hub's signed release:
    the release verifies and the file is the one it names; else WatchlistRefused."""
    release = verify_release(signed, keys)
    fields = {FORMAT: "sha256", "ftm": "ftm_sha256"}
    if fmt not in fields:
        raise WatchlistRefused(
            "format", f"the hub signs {' and '.join(fields)} files", field="--format"
        )
    if hashlib.sha256(content).hexdigest() != release.get(fields[fmt]):
        raise WatchlistRefused(
            "sha256", "the file is not the one the hub signed", field=fields[fmt]
        )
    return release


def directory_keys(home: Path) -> tuple[PublicKey, ...]:
    try:
        return hub_keys(home).keys
    except ReleaseRefused as refused:
        raise WatchlistRefused("directory", refused.reason, field="--hub-key") from refused


def _held_path(home: Path) -> Path:
    return home / "watchlists" / "hub-release.json"


def held_release(home: Path) -> dict[str, Any] | None:
    path = _held_path(home)
    if not path.exists():
        return None
    value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["release"]
    return value


def import_release(
    home: Path, signed: Any, content: bytes, keys: Sequence[PublicKey]
) -> dict[str, Any]:
    """Verify a signed release and its file, refuse a rollback, import it as watchlist `hub`."""
    release = verify_release(signed, keys)
    check_content(release, content)
    held = held_release(home)
    if held is not None and int(release["version"]) < int(held["version"]):
        raise WatchlistRefused(
            "rollback",
            f"version {release['version']} is older than version {held['version']} imported",
            field="release.version",
        )
    if held is not None and held["sha256"] == release["sha256"]:
        return {"imported": False, "version": release["version"], "reason": "already imported"}
    with tempfile.TemporaryDirectory(prefix="tf-hub-watchlist-") as folder:
        path = Path(folder) / f"hub-watchlist-{release['version']}.csv"
        path.write_bytes(content)
        done = import_watchlist(WatchlistStore(home), FORMAT, NAME, path)
    _held_path(home).write_text(json.dumps(signed, indent=2), encoding="utf-8")
    return {"imported": True, "version": release["version"], **done}


def _get(url: str, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            data: bytes = answer.read(LIMIT + 1)
    except (urllib.error.URLError, OSError) as error:
        raise WatchlistRefused("fetch", f"cannot fetch {url}: {error}", field="hub") from error
    if len(data) > LIMIT:
        raise WatchlistRefused("fetch", f"{url} is larger than {LIMIT} bytes", field="hub")
    return data


def pull(home: Path, hub: str, keys: Sequence[PublicKey], timeout: float = 30) -> dict[str, Any]:
    """Fetch the hub's latest signed release and, when it is new, its file; import both."""
    base = hub.rstrip("/") + "/watchlist/"
    try:
        signed = json.loads(_get(base + "signature.json", timeout))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WatchlistRefused(
            "format", f"{base}signature.json is not JSON", field="hub"
        ) from error
    release = verify_release(signed, keys)
    held = held_release(home)
    if held is not None and held["sha256"] == release["sha256"]:
        return {"imported": False, "version": release["version"], "reason": "already imported"}
    content = _get(f"{base}{int(release['version'])}.csv", timeout)
    return import_release(home, signed, content, keys)


def pull_from_directory(home: Path) -> dict[str, Any]:
    """`pull` from the hub of the signed directory this node holds, with that hub's keys."""
    try:
        hub = hub_keys(home)
    except ReleaseRefused as refused:
        raise WatchlistRefused("directory", refused.reason, field="--hub") from refused
    return {"hub": hub.url, **pull(home, hub.url, hub.keys)}


def scheduled_pull() -> dict[str, Any]:
    """What the worker runs every hour: a refusal or an unreachable hub leaves the node's
    watchlist as it was, and the result says why (retried at the next run)."""
    try:
        return pull_from_directory(home_dir())
    except WatchlistRefused as refused:
        log.warning("hub watchlist not imported: %s", refused.message)
        return {"imported": False, "check": refused.check, "reason": refused.reason}
