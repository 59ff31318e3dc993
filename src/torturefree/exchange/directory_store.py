"""The directory this node holds and the peers its operator pinned, under `<home>/exchange/`.

`directory.json` is the signed directory exactly as loaded (re-verified on every read with the
hub key kept in `hub.json`); `pins.json` lists peers an operator added by hand. A directory with
a lower version than the one held is refused (contract), and so is the same version with other
contents (a hub never publishes two different documents under one version).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from torturefree.exchange.canonical import canonical
from torturefree.exchange.directory import (
    MAX_DIRECTORY_BYTES,
    Directory,
    Participant,
    verify_directory,
)
from torturefree.exchange.errors import DirectoryError
from torturefree.exchange.files import write_atomic


class DirectoryStore:
    """Read and replace the held directory; add and remove pinned peers."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "exchange"

    @property
    def _signed(self) -> Path:
        return self.folder / "directory.json"

    @property
    def _hub(self) -> Path:
        return self.folder / "hub.json"

    @property
    def _pins(self) -> Path:
        return self.folder / "pins.json"

    def hub_key(self) -> str | None:
        if not self._hub.exists():
            return None
        return str(json.loads(self._hub.read_text(encoding="utf-8"))["hub_key"])

    def held(self) -> Directory | None:
        """The loaded directory (verified again), or None when none was loaded yet."""
        hub_key = self.hub_key()
        if hub_key is None or not self._signed.exists():
            return None
        return verify_directory(self._signed.read_bytes(), hub_key)[0]

    def load(self, raw: bytes, hub_key: str) -> Directory:
        """Verify a signed directory and keep it, unless it would go back in version."""
        directory, document = verify_directory(raw, hub_key)
        held = self._held_document()
        if held is not None:
            if directory.version < held["version"]:
                raise DirectoryError(
                    f"version {directory.version} is older than the held version "
                    f"{held['version']}: refused (a directory never goes back)"
                )
            if directory.version == held["version"] and canonical(document) != canonical(held):
                raise DirectoryError(
                    f"version {directory.version} is already held with other contents: refused"
                )
        write_atomic(self._hub, (json.dumps({"hub_key": hub_key}) + "\n").encode("utf-8"))
        write_atomic(self._signed, raw)
        return directory

    def pins(self) -> list[Participant]:
        if not self._pins.exists():
            return []
        entries = json.loads(self._pins.read_text(encoding="utf-8"))
        return [Participant.from_json(e, f"pins.json[{i}]") for i, e in enumerate(entries)]

    def pin(self, participant: Participant) -> None:
        """Add or replace the pinned peer of one state."""
        kept = [p for p in self.pins() if p.state != participant.state]
        self._write_pins([*kept, participant])

    def unpin(self, state: str) -> bool:
        pins = self.pins()
        kept = [p for p in pins if p.state != state]
        self._write_pins(kept)
        return len(kept) != len(pins)

    def current(self) -> Directory:
        """What verification uses: the held directory (or an empty one) with the pins over it."""
        held = self.held() or Directory(0, "", {})
        return held.with_pins(self.pins())

    def held_document(self) -> dict[str, Any] | None:
        """The held directory object as the hub signed it, fields this code does not read too."""
        return self._held_document()

    def _held_document(self) -> dict[str, Any] | None:
        hub_key = self.hub_key()
        if hub_key is None or not self._signed.exists():
            return None
        return verify_directory(self._signed.read_bytes(), hub_key)[1]

    def _write_pins(self, pins: list[Participant]) -> None:
        text = json.dumps([{**p.to_json(), "pinned": True} for p in pins], indent=2) + "\n"
        write_atomic(self._pins, text.encode("utf-8"))


def fetch_directory(url: str, timeout: float = 30.0) -> bytes:
    """The signed directory the hub publishes at `url` (verified by the caller, never trusted)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            raw: bytes = answer.read(MAX_DIRECTORY_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise DirectoryError(f"could not fetch the directory from {url}: {error}") from error
    if len(raw) > MAX_DIRECTORY_BYTES:
        raise DirectoryError(f"{url} sent more than {MAX_DIRECTORY_BYTES} bytes")
    return raw
