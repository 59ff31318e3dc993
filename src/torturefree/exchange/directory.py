"""The directory of participants (`torturefree-directory/1`), signed by the hub's key, and lookups in it.

A signed directory is `{"directory": {...}, "signature": "<base64url Ed25519 over the RFC 8785
form of the directory object>"}`. Unknown fields in it are kept and ignored: the contract lets
the hub add fields. Pinned peers (added by hand, `directory_store.py`) are laid over it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from torturefree.exchange.canonical import canonical
from torturefree.exchange.errors import DirectoryError
from torturefree.exchange.keys import SigningKey
from torturefree.exchange.publickey import PublicKey, decode_public, unb64url
from torturefree.exchange.schemas import MESSAGE_TYPES
from torturefree.exchange.timefmt import format_time, now_utc

DIRECTORY_FORMAT = "torturefree-directory/1"
INBOX_PATH = "/exchange/v1/inbox"
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Participant:
    """A state (`FR`) or the hub (`HUB`) with its address, keys and what it takes part in."""

    state: str
    url: str
    keys: tuple[PublicKey, ...]
    name: str = ""
    profile: str | None = None
    annexes_opted_in: tuple[str, ...] = ()
    accepts: tuple[str, ...] = MESSAGE_TYPES
    contact: Mapping[str, Any] = field(default_factory=dict)
    pinned: bool = False

    @property
    def inbox_url(self) -> str:
        return self.url.rstrip("/") + INBOX_PATH

    def key(self, key_id: str) -> PublicKey | None:
        return next((k for k in self.keys if k.key_id == key_id), None)

    def key_valid_at(self, key_id: str, moment: dt.datetime) -> PublicKey | None:
        key = self.key(key_id)
        return key if key is not None and key.valid_at(moment) else None

    def accepts_type(self, message_type: str) -> bool:
        return message_type in self.accepts

    def to_json(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "state": self.state,
            "name": self.name,
            "url": self.url,
            "keys": [k.to_json() for k in self.keys],
            "profile": self.profile,
            "annexes_opted_in": list(self.annexes_opted_in),
            "accepts": list(self.accepts),
            "contact": dict(self.contact),
        }
        if self.pinned:
            entry["pinned"] = True
        return entry

    @classmethod
    def from_json(cls, value: Any, where: str = "participant") -> Participant:
        """Read a directory entry; a DirectoryError names the field at fault."""
        if not isinstance(value, dict):
            raise DirectoryError(f"{where}: a participant is an object")
        for name in ("state", "url"):
            if not isinstance(value.get(name), str) or not value[name]:
                raise DirectoryError(f"{where}: '{name}' missing or not text")
        keys = value.get("keys")
        if not isinstance(keys, list) or not keys:
            raise DirectoryError(f"{where}.keys: a participant has at least one key")
        try:
            parsed = tuple(PublicKey.from_json(k) for k in keys)
        except ValueError as error:
            raise DirectoryError(f"{where}.keys: {error}") from error
        return cls(
            state=value["state"],
            url=value["url"],
            keys=parsed,
            name=str(value.get("name") or ""),
            profile=value.get("profile"),
            annexes_opted_in=tuple(_strings(value, "annexes_opted_in", where, ())),
            accepts=tuple(_strings(value, "accepts", where, MESSAGE_TYPES)),
            contact=value.get("contact") or {},
            pinned=bool(value.get("pinned", False)),
        )


def _strings(value: Mapping[str, Any], name: str, where: str, default: Iterable[str]) -> list[str]:
    items = value.get(name)
    if items is None:
        return list(default)
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise DirectoryError(f"{where}.{name}: a list of text")
    return list(items)


@dataclass(frozen=True)
class Directory:
    """Participants by state, as of a version; `peer`, `key_valid_at`, `accepts` look things up."""

    version: int
    issued_at: str
    participants: Mapping[str, Participant]

    def peer(self, state: str) -> Participant | None:
        return self.participants.get(state)

    def key_valid_at(self, state: str, key_id: str, moment: dt.datetime) -> PublicKey | None:
        peer = self.peer(state)
        return peer.key_valid_at(key_id, moment) if peer is not None else None

    def accepts(self, state: str, message_type: str) -> bool:
        peer = self.peer(state)
        return peer is not None and peer.accepts_type(message_type)

    def with_pins(self, pins: Iterable[Participant]) -> Directory:
        """This directory with pinned peers laid over it: an operator's pin wins for its state."""
        merged = dict(self.participants)
        merged.update({p.state: dataclasses.replace(p, pinned=True) for p in pins})
        return Directory(self.version, self.issued_at, merged)

    def to_json(self) -> dict[str, Any]:
        return directory_document(self.version, self.participants.values(), self.issued_at)


def directory_document(
    version: int,
    participants: Iterable[Participant],
    issued_at: str | None = None,
    list_release: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The directory object (what the hub signs). `list_release`, a field this implementation
    adds (the contract lets the hub add fields): the list release the hub publishes as current
    (release id, sequence, issued_at, sha256 of the file), so a node can see it is behind."""
    document: dict[str, Any] = {
        "directory": DIRECTORY_FORMAT,
        "version": version,
        "issued_at": issued_at or format_time(now_utc().replace(microsecond=0)),
        "participants": [p.to_json() for p in participants],
    }
    if list_release is not None:
        document["list_release"] = dict(list_release)
    return document


def parse_directory(document: Any) -> Directory:
    """Read a directory object (unsigned): format, version, participants, one entry per state."""
    if not isinstance(document, dict) or document.get("directory") != DIRECTORY_FORMAT:
        raise DirectoryError(f"not a {DIRECTORY_FORMAT} document")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DirectoryError("'version' must be a whole number")
    entries = document.get("participants")
    if not isinstance(entries, list):
        raise DirectoryError("'participants' must be a list")
    participants: dict[str, Participant] = {}
    for index, entry in enumerate(entries):
        participant = Participant.from_json(entry, f"participants[{index}]")
        if participant.state in participants:
            raise DirectoryError(f"participants[{index}]: '{participant.state}' listed twice")
        participants[participant.state] = participant
    return Directory(version, str(document.get("issued_at", "")), participants)


def sign_directory(document: Any, key: SigningKey) -> bytes:
    """The signed directory's bytes (checked first: a hub never publishes what nodes refuse)."""
    parse_directory(document)
    signed = {"directory": document, "signature": key.sign(canonical(document))}
    return json.dumps(signed, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def verify_directory(raw: bytes, hub_key: str) -> tuple[Directory, dict[str, Any]]:
    """Check a signed directory against the hub's public key; returns it and its object."""
    if len(raw) > MAX_DIRECTORY_BYTES:
        raise DirectoryError(f"a directory is at most {MAX_DIRECTORY_BYTES} bytes")
    try:
        signed = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DirectoryError(f"not JSON: {error}") from error
    if not isinstance(signed, dict) or not isinstance(signed.get("signature"), str):
        raise DirectoryError('a signed directory is {"directory": {...}, "signature": "..."}')
    document = signed.get("directory")
    try:
        decode_public(hub_key)
        signature = unb64url(signed["signature"])
    except ValueError as error:
        raise DirectoryError(f"hub key or signature unreadable: {error}") from error
    checker = PublicKey("hub", hub_key, dt.date.min)
    if not isinstance(document, dict) or not checker.verifies(signature, canonical(document)):
        raise DirectoryError("the directory's signature does not verify with this hub key")
    return parse_directory(document), document
