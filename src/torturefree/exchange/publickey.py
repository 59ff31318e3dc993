"""A participant's published Ed25519 key: raw 32 bytes base64url without padding, with its validity."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from torturefree.exchange.timefmt import parse_day, within


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """Decode base64url without padding; refuses padding, other alphabets and stray characters."""
    if not isinstance(text, str) or "=" in text or "+" in text or "/" in text:
        raise ValueError("not base64url without padding")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"not base64url: {error}") from error
    # Decoders ignore the unused low bits of the last character; a signature with them set
    # would verify as the same signature under another spelling. Only the canonical one counts.
    if b64url(data) != text:
        raise ValueError("not canonical base64url (unused bits set or stray characters)")
    return data


def encode_public(key: Ed25519PublicKey) -> str:
    return b64url(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def decode_public(text: str) -> Ed25519PublicKey:
    raw = unb64url(text)
    if len(raw) != 32:
        raise ValueError(f"an Ed25519 public key is 32 bytes, this one is {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


@dataclass(frozen=True)
class PublicKey:
    """One key of a participant, as the directory publishes it (valid_until None: open-ended)."""

    key_id: str
    public_key: str
    valid_from: dt.date
    valid_until: dt.date | None = None

    def valid_at(self, moment: dt.datetime) -> bool:
        return within(moment, self.valid_from, self.valid_until)

    @cached_property
    def _verifier(self) -> Ed25519PublicKey:
        return decode_public(self.public_key)

    def verifies(self, signature: bytes, data: bytes) -> bool:
        try:
            self._verifier.verify(signature, data)
        except InvalidSignature:
            return False
        return True

    def to_json(self) -> dict[str, Any]:
        return {
            "key_id": self.key_id,
            "public_key": self.public_key,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }

    @classmethod
    def from_json(cls, value: Any) -> PublicKey:
        """Read a key object; a ValueError names what is wrong (the caller adds where)."""
        if not isinstance(value, dict):
            raise ValueError("a key is an object")
        key_id, public = value.get("key_id"), value.get("public_key")
        if not isinstance(key_id, str) or not key_id:
            raise ValueError("key_id missing")
        if not isinstance(public, str):
            raise ValueError("public_key missing")
        decode_public(public)
        until = value.get("valid_until")
        return cls(
            key_id=key_id,
            public_key=public,
            valid_from=parse_day(value.get("valid_from", "")),
            valid_until=parse_day(until) if until is not None else None,
        )


def parse_key_spec(spec: str) -> PublicKey:
    """`KEY_ID:PUBLIC_KEY[:VALID_FROM[:VALID_UNTIL]]` as an operator types it to pin a peer."""
    parts = spec.split(":")
    if len(parts) < 2 or len(parts) > 4:
        raise ValueError("expected KEY_ID:PUBLIC_KEY[:VALID_FROM[:VALID_UNTIL]]")
    key_id, public = parts[0], parts[1]
    decode_public(public)
    valid_from = parse_day(parts[2]) if len(parts) > 2 and parts[2] else dt.date(1970, 1, 1)
    valid_until = parse_day(parts[3]) if len(parts) > 3 and parts[3] else None
    return PublicKey(key_id, public, valid_from, valid_until)
