"""This node's Ed25519 key pairs, kept under `<home>/keys/` (outside the database).

The private half of each key is a PKCS#8 PEM file `<key_id>.pem`, mode 0600, in a folder of mode
0700; `keys.json` beside them lists every key with its validity, including retired ones (a
retired key lost its private half but still verifies what it signed while it was valid).
Loading refuses a private key file or folder that group or others can read: a key others could
copy lets them sign as this state.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from torturefree.errors import InputError
from torturefree.exchange.errors import KeyStoreError
from torturefree.exchange.files import write_private
from torturefree.exchange.publickey import PublicKey, b64url, encode_public
from torturefree.exchange.timefmt import now_utc

INDEX = "keys.json"


@dataclass(frozen=True)
class SigningKey:
    """A key of this node with its private half: what signs outgoing messages."""

    public: PublicKey
    private: Ed25519PrivateKey

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def sign(self, data: bytes) -> str:
        """The base64url (unpadded) Ed25519 signature of `data`."""
        return b64url(self.private.sign(data))


@dataclass(frozen=True)
class KeyEntry:
    """A key as listed in keys.json: retired keys keep only their public half."""

    public: PublicKey
    retired: bool = False

    def to_json(self) -> dict[str, Any]:
        return {**self.public.to_json(), "retired": self.retired}


class Keyring:
    """The keys of the node whose state folder is `home` (one state per node)."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "keys"
        self._loaded: dict[str, SigningKey] = {}

    def exists(self) -> bool:
        return (self.folder / INDEX).exists()

    @property
    def state(self) -> str:
        return str(self._index()["state"])

    def entries(self) -> list[KeyEntry]:
        return [
            KeyEntry(PublicKey.from_json(k), bool(k.get("retired", False)))
            for k in self._index()["keys"]
        ]

    def public_keys(self) -> list[PublicKey]:
        """Every key, retired or not: peers need them all to verify what was signed earlier."""
        return [entry.public for entry in self.entries()]

    def create(self, state: str, valid_from: dt.date, valid_until: dt.date | None) -> PublicKey:
        """The node's first key; refuses when keys already exist (use rotate)."""
        if self.exists():
            raise KeyStoreError(f"{self.folder} already holds keys of {self.state}")
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)
        return self._add(state, [], valid_from, valid_until)

    def rotate(self, valid_from: dt.date, valid_until: dt.date | None) -> PublicKey:
        """A new key from `valid_from`; keys that would run past it now end the day before."""
        entries = self.entries()
        latest = max(e.public.valid_from for e in entries)
        if valid_from <= latest:
            raise InputError(
                f"a new key must start after the latest one ({latest})", field="--valid-from"
            )
        if valid_until is not None and valid_until < valid_from:
            raise InputError("valid_until is before valid_from", field="--valid-until")
        end = valid_from - dt.timedelta(days=1)
        clipped = [
            KeyEntry(_ending(e.public, end), e.retired)
            if e.public.valid_until is None or e.public.valid_until > end
            else e
            for e in entries
        ]
        return self._add(self.state, clipped, valid_from, valid_until)

    def retire(self, key_id: str) -> None:
        """Delete a key's private half; its public half stays listed for verification."""
        entries = self.entries()
        target = next((e.public for e in entries if e.public.key_id == key_id), None)
        if target is None:
            raise InputError(f"no key '{key_id}'", field="KEY_ID")
        now = now_utc()
        if target.valid_at(now) and not self._valid_unretired(now, exclude=key_id):
            raise InputError(f"'{key_id}' is the only key valid now: rotate first", field="KEY_ID")
        self._write_index(
            self.state,
            [KeyEntry(e.public, e.retired or e.public.key_id == key_id) for e in entries],
        )
        (self.folder / f"{key_id}.pem").unlink(missing_ok=True)
        self._loaded.pop(key_id, None)

    def signing_key(self, at: dt.datetime) -> SigningKey:
        """The key to sign with at `at`: the latest-starting valid key that has a private half."""
        candidates = self._valid_unretired(at)
        if not candidates:
            raise KeyStoreError(f"no key of this node is valid at {at.isoformat()}: rotate")
        chosen = max(candidates, key=lambda k: k.valid_from)
        return self.load(chosen.key_id)

    def load(self, key_id: str) -> SigningKey:
        """A key's private half, after checking that only this user can read it."""
        cached = self._loaded.get(key_id)
        if cached is not None:
            return cached
        public = next((k for k in self.public_keys() if k.key_id == key_id), None)
        if public is None:
            raise KeyStoreError(f"no key '{key_id}' in {self.folder}")
        path = self.folder / f"{key_id}.pem"
        check_private(self.folder, path)
        private = load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(private, Ed25519PrivateKey) or encode_public(private.public_key()) != (
            public.public_key
        ):
            raise KeyStoreError(f"{path} does not hold the Ed25519 key listed for '{key_id}'")
        key = self._loaded[key_id] = SigningKey(public, private)
        return key

    def _valid_unretired(self, at: dt.datetime, exclude: str | None = None) -> list[PublicKey]:
        return [
            e.public
            for e in self.entries()
            if not e.retired and e.public.valid_at(at) and e.public.key_id != exclude
        ]

    def _add(
        self, state: str, entries: list[KeyEntry], valid_from: dt.date, valid_until: dt.date | None
    ) -> PublicKey:
        serial = 1 + sum(e.public.key_id.startswith(f"{state}-{valid_from.year}-") for e in entries)
        key_id = f"{state}-{valid_from.year}-{serial}"
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        write_private(self.folder / f"{key_id}.pem", pem)
        public = PublicKey(key_id, encode_public(private.public_key()), valid_from, valid_until)
        self._write_index(state, [*entries, KeyEntry(public)])
        return public

    def _index(self) -> dict[str, Any]:
        path = self.folder / INDEX
        if not path.exists():
            raise KeyStoreError(f"no keys in {self.folder}: run `torturefree exchange init`")
        value = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(value, dict) or not isinstance(value.get("keys"), list):
            raise KeyStoreError(f"{path} is not a key list")
        return value

    def _write_index(self, state: str, entries: list[KeyEntry]) -> None:
        document = {"state": state, "keys": [e.to_json() for e in entries]}
        text = json.dumps(document, indent=2) + "\n"
        write_private(self.folder / INDEX, text.encode("utf-8"))


def _ending(key: PublicKey, end: dt.date) -> PublicKey:
    return PublicKey(key.key_id, key.public_key, key.valid_from, max(end, key.valid_from))


def check_private(folder: Path, path: Path) -> None:
    """Refuse a key folder or file that group or others may read or write (like ssh does)."""
    for where, fix in ((folder, "700"), (path, "600")):
        try:
            mode = stat.S_IMODE(os.stat(where).st_mode)
        except FileNotFoundError as error:
            raise KeyStoreError(f"{where} is missing") from error
        if mode & 0o077:
            raise KeyStoreError(
                f"{where} has mode {mode:04o}: group or others could read this node's private "
                f"key; refusing to use it (chmod {fix} {where})"
            )
