"""Signing and verifying a release manifest: Ed25519 over its RFC 8785 canonical form.

Signing takes any key with `key_id` and `sign(bytes) -> base64url` (the node's keys of
torturefree.exchange.keys, or a PEM file given on the command line).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Protocol

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

from torturefree.errors import InputError
from torturefree.exchange.keys import SigningKey
from torturefree.exchange.publickey import PublicKey, encode_public, parse_key_spec, unb64url
from torturefree.lists.release_errors import SIGNATURE, ReleaseRefused

ALGORITHM = "Ed25519"
_EPOCH = dt.date(1970, 1, 1)  # a key given as a file has no validity of its own


class Signer(Protocol):
    @property
    def key_id(self) -> str: ...

    def sign(self, data: bytes) -> str: ...


def canonical(value: Any) -> bytes:
    return rfc8785.dumps(value)


def sign_manifest(manifest: dict[str, Any], key: Signer, public_key: str) -> dict[str, Any]:
    """The signature object of a manifest."""
    return {
        "algorithm": ALGORITHM,
        "key_id": key.key_id,
        "public_key": public_key,
        "value": key.sign(canonical(manifest)),
    }


def verify_manifest(manifest: dict[str, Any], signature: dict[str, Any], key: PublicKey) -> None:
    """Refuse a signature that is not `key`'s over this manifest."""
    if key.key_id and not key.key_id.startswith("pem-") and signature["key_id"] != key.key_id:
        raise ReleaseRefused(
            SIGNATURE,
            f"signed by key '{signature['key_id']}', not by the given key '{key.key_id}'",
            field="signature.key_id",
        )
    try:
        raw = unb64url(signature["value"])
    except ValueError as error:
        raise ReleaseRefused(SIGNATURE, str(error), field="signature.value") from error
    if not key.verifies(raw, canonical(manifest)):
        raise ReleaseRefused(
            SIGNATURE,
            "the signature does not verify with the given key (wrong key, or the manifest was altered)",
            field="signature.value",
        )


def pem_signer(path: Path) -> tuple[SigningKey, str]:
    """A signing key from a PKCS#8 PEM file, with its public half (base64url)."""
    try:
        private = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise InputError(f"not a readable PEM private key: {error}", field="--key") from error
    if not isinstance(private, Ed25519PrivateKey):
        raise InputError("not an Ed25519 private key", field="--key")
    public = encode_public(private.public_key())
    return SigningKey(PublicKey(f"pem-{public[:8]}", public, _EPOCH), private), public


def read_public_key(spec: str) -> PublicKey:
    """The key to verify with: a PEM public key file, a JSON key object file (as `exchange keys`
    lists them), or KEY_ID:PUBLIC_KEY typed in."""
    path = Path(spec)
    if path.is_file():
        data = path.read_bytes()
        if data.lstrip().startswith(b"-----BEGIN"):
            return _pem_public(data)
        try:
            return PublicKey.from_json(json.loads(data))
        except ValueError as error:
            raise InputError(f"{spec}: not a key ({error})", field="--key") from error
    try:
        return parse_key_spec(spec)
    except ValueError as error:
        raise InputError(
            f"'{spec}' is no key file and no KEY_ID:PUBLIC_KEY ({error})", field="--key"
        ) from error


def _pem_public(data: bytes) -> PublicKey:
    try:
        key = load_pem_public_key(data)
    except ValueError as error:
        raise InputError(f"not a PEM public key: {error}", field="--key") from error
    if not isinstance(key, Ed25519PublicKey):
        raise InputError("not an Ed25519 public key", field="--key")
    public = encode_public(key)
    return PublicKey(f"pem-{public[:8]}", public, _EPOCH)
