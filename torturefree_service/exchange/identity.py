"""This node as the exchange knows it: its state, its signing key and the directory it holds.

The keys and the directory live under TORTUREFREE_HOME (`torturefree exchange init`,
`exchange directory load`), not in the database. They are read once per change of the files, not
once per message: a worker delivering hundreds of messages a second verifies the directory once.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from torturefree.exchange.directory import Directory
from torturefree.exchange.keys import SigningKey
from torturefree.exchange.node import Node
from torturefree.paths import home_dir

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[float, ...], Directory]] = {}


@dataclass(frozen=True)
class Identity:
    state: str
    node: Node

    def signing_key(self, at: dt.datetime) -> SigningKey:
        return self.node.signing_key(at)

    def directory(self) -> Directory:
        return _directory(self.node)


def _stamp(node: Node) -> tuple[float, ...]:
    folder = node.home / "exchange"
    files = [folder / n for n in ("directory.json", "pins.json", "hub.json", "node.json")]
    files.append(node.home / "keys" / "keys.json")
    return tuple(f.stat().st_mtime_ns if f.exists() else -1.0 for f in files)


def _directory(node: Node) -> Directory:
    key = str(node.home)
    stamp = _stamp(node)
    with _lock:
        held = _cache.get(key)
        if held is not None and held[0] == stamp:
            return held[1]
    directory = node.directory()
    with _lock:
        _cache[key] = (stamp, directory)
    return directory


def identity(home: Path | None = None) -> Identity | None:
    """This node's identity, or None when it has not joined the exchange (no `exchange init`)."""
    node = Node((home or home_dir()).resolve())
    if not node.initialised():
        return None
    return Identity(node.state, node)
