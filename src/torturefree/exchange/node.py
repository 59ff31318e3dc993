"""This node's identity in the exchange: its state, address and keys, and the entry it publishes.

`<home>/exchange/node.json` keeps what `exchange init` was told (state, URL, name, profile,
contact, accepted types); the keys live in `<home>/keys/` (`keys.py`). `Node` bundles them with
the directory this node holds, which is what the service needs to send and receive.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.exchange.directory import Directory, Participant
from torturefree.exchange.directory_store import DirectoryStore
from torturefree.exchange.errors import KeyStoreError
from torturefree.exchange.files import write_atomic
from torturefree.exchange.keys import Keyring, SigningKey
from torturefree.exchange.schemas import MESSAGE_TYPES
from torturefree.exchange.timefmt import now_utc

PARTICIPANT = re.compile(r"^([A-Z]{2}|HUB)$")


@dataclass(frozen=True)
class NodeSettings:
    """What an operator said about this node when it joined."""

    state: str
    url: str
    name: str = ""
    profile: str | None = None
    annexes_opted_in: tuple[str, ...] = ()
    accepts: tuple[str, ...] = MESSAGE_TYPES
    contact: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "url": self.url,
            "name": self.name,
            "profile": self.profile,
            "annexes_opted_in": list(self.annexes_opted_in),
            "accepts": list(self.accepts),
            "contact": self.contact,
        }


class Node:
    """One node's exchange state under its home folder: settings, keyring, directory store."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.keyring = Keyring(home)
        self.directories = DirectoryStore(home)
        self._settings_path = home / "exchange" / "node.json"

    def initialised(self) -> bool:
        return self._settings_path.exists() and self.keyring.exists()

    def settings(self) -> NodeSettings:
        if not self._settings_path.exists():
            raise KeyStoreError(
                f"{self.home} is not an exchange node: run `torturefree exchange init`"
            )
        value = json.loads(self._settings_path.read_text(encoding="utf-8"))
        return NodeSettings(
            state=value["state"],
            url=value["url"],
            name=value.get("name", ""),
            profile=value.get("profile"),
            annexes_opted_in=tuple(value.get("annexes_opted_in", ())),
            accepts=tuple(value.get("accepts", MESSAGE_TYPES)),
            contact=value.get("contact", {}),
        )

    @property
    def state(self) -> str:
        return self.settings().state

    def init(self, settings: NodeSettings, valid_from: dt.date | None = None) -> Participant:
        """Record the settings and create the first key pair unless keys exist; idempotent."""
        check_settings(settings)
        if self.keyring.exists() and self.keyring.state != settings.state:
            raise InputError(
                f"this home already holds the keys of {self.keyring.state}", field="--state"
            )
        if not self.keyring.exists():
            self.keyring.create(settings.state, valid_from or now_utc().date(), None)
        text = json.dumps(settings.to_json(), indent=2, ensure_ascii=False) + "\n"
        write_atomic(self._settings_path, text.encode("utf-8"))
        return self.entry()

    def entry(self) -> Participant:
        """This node's directory entry: what the hub lists, with every key (retired ones too)."""
        s = self.settings()
        return Participant(
            state=s.state,
            url=s.url,
            keys=tuple(self.keyring.public_keys()),
            name=s.name,
            profile=s.profile,
            annexes_opted_in=s.annexes_opted_in,
            accepts=s.accepts,
            contact=s.contact,
        )

    def signing_key(self, at: dt.datetime | None = None) -> SigningKey:
        return self.keyring.signing_key(at or now_utc())

    def directory(self) -> Directory:
        """The held directory with pins, and this node itself (it always knows its own keys)."""
        current = self.directories.current()
        if self.initialised() and current.peer(self.state) is None:
            return Directory(
                current.version,
                current.issued_at,
                {**current.participants, self.state: self.entry()},
            )
        return current


def check_settings(settings: NodeSettings) -> None:
    if not PARTICIPANT.match(settings.state):
        raise InputError("a state is ISO 3166-1 alpha-2 (or HUB)", field="--state")
    if not re.match(r"^https?://[^\s/]+", settings.url):
        raise InputError("the node's base URL starts with http:// or https://", field="--url")
    unknown = sorted(set(settings.accepts) - set(MESSAGE_TYPES))
    if unknown:
        raise InputError(f"unknown message types: {', '.join(unknown)}", field="--accepts")


def accepted_types(names: Sequence[str] | None) -> tuple[str, ...]:
    """The types a node accepts: every type unless the operator listed some."""
    return tuple(names) if names else MESSAGE_TYPES
