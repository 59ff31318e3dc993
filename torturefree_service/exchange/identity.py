"""This node as the exchange knows it: its state, its signing key and the directory it holds.

The keys and the directory live under TORTUREFREE_HOME (`torturefree exchange init`,
`exchange directory load`), not in the database. They are read once per change of the files, not
once per message: a worker delivering hundreds of messages a second verifies the directory once,
and an inbox loads (and checks the permissions of) its private key once, not per receipt.
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
_nodes: dict[str, tuple[tuple[object, ...], Identity | None]] = {}


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
    """This node's identity, or None when it has not joined the exchange (no `exchange init`).
    The same object (its keyring holding the loaded private key) while the node's settings and
    key files are unchanged; any change to them (a rotation, a retirement, a chmod) reloads."""
    folder = (home or home_dir()).resolve()
    stamp = _key_files(folder)
    with _lock:
        held = _nodes.get(str(folder))
        if held is not None and held[0] == stamp:
            return held[1]
    node = Node(folder)
    found = Identity(node.state, node) if node.initialised() else None
    with _lock:
        _nodes[str(folder)] = (stamp, found)
    return found


def _key_files(home: Path) -> tuple[object, ...]:
    """Name, change time, modification time and mode of the settings and of every key file."""
    paths = [home / "exchange" / "node.json", home / "keys"]
    if paths[1].is_dir():
        paths += sorted(paths[1].iterdir())
    stamp: list[object] = []
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            stamp.append((path.name, None))
            continue
        stamp.append((path.name, info.st_ctime_ns, info.st_mtime_ns, info.st_mode))
    return tuple(stamp)
