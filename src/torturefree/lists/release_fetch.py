"""A node fetching the hub's current list release over HTTP (`<hub>/releases/index.json`, then the
file it names), checking the file's sha256 against the index, and loading it through the store,
which verifies the signature and every hash and refuses an older release (docs/releases.md)."""

from __future__ import annotations

import hashlib
import json
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from torturefree.exchange.publickey import PublicKey
from torturefree.lists.release_errors import ARCHIVE, ReleaseRefused
from torturefree.lists.release_index import Loaded
from torturefree.lists.release_store import ReleaseStore

FETCH = "fetch"
LIMIT = 64 * 1024 * 1024  # a release is about 1 MB today


def _get(url: str, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            data: bytes = answer.read(LIMIT + 1)
    except (urllib.error.URLError, OSError) as error:
        raise ReleaseRefused(FETCH, f"cannot fetch {url}: {error}", source=url) from error
    if len(data) > LIMIT:
        raise ReleaseRefused(FETCH, f"{url} is larger than {LIMIT} bytes", source=url)
    return data


def current_on_hub(hub: str, timeout: float = 30) -> dict[str, Any] | None:
    """The hub's current release as its index lists it (None: it published none)."""
    if urllib.parse.urlsplit(hub).scheme not in ("http", "https"):
        raise ReleaseRefused(FETCH, "the hub's address is http:// or https://", field="hub")
    url = hub.rstrip("/") + "/releases/index.json"
    try:
        index = json.loads(_get(url, timeout))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReleaseRefused(FETCH, f"{url} is not JSON", source=url) from error
    current = index.get("current") if isinstance(index, dict) else None
    return current if isinstance(current, dict) else None


def fetch_release(
    hub: str, key: PublicKey | Sequence[PublicKey], home: Path, timeout: float = 30
) -> tuple[Loaded, bool] | None:
    """Fetch and load the hub's current release; (its record, whether it was new), None if the
    hub has none. A refused release leaves the node on the release it had. `key`: one key, or
    the hub's keys from the directory (release_keys: the one the release names)."""
    current = current_on_hub(hub, timeout)
    if current is None:
        return None
    url = urllib.parse.urljoin(hub.rstrip("/") + "/", str(current.get("url", "")))
    data = _get(url, timeout)
    if hashlib.sha256(data).hexdigest() != current.get("sha256"):
        raise ReleaseRefused(ARCHIVE, "the file's sha256 is not the hub index's", source=url)
    with tempfile.TemporaryDirectory(prefix="tf-fetch-") as folder:
        path = Path(folder) / "release.tar"
        path.write_bytes(data)
        return ReleaseStore(home).load(path, key)
