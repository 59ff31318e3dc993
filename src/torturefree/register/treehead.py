"""Signed tree heads: the hub's Ed25519 signature over (tree size, root hash, timestamp).

`{"tree_head": {"format", "log", "tree_size", "root_hash" (hex), "timestamp", "key_id",
"algorithm"}, "signature": "<base64url Ed25519 over the RFC 8785 form of tree_head>"}` — the
same signing rule as exchange messages and the directory, so one hub key signs all three.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.exchange.canonical import canonical
from torturefree.exchange.keys import SigningKey
from torturefree.exchange.publickey import decode_public, unb64url
from torturefree.exchange.timefmt import format_time, now_utc
from torturefree.register.errors import VerificationFailed
from torturefree.register.merkle import ALGORITHM, HASH_SIZE

TREE_HEAD_FORMAT = "torturefree-register-tree-head/1"
LOG_NAME = "torturefree-register/1"


def tree_head(size: int, root: bytes, key_id: str, at: dt.datetime | None = None) -> dict[str, Any]:
    return {
        "format": TREE_HEAD_FORMAT,
        "log": LOG_NAME,
        "algorithm": ALGORITHM,
        "tree_size": size,
        "root_hash": root.hex(),
        "timestamp": format_time((at or now_utc()).replace(microsecond=0)),
        "key_id": key_id,
    }


def sign_tree_head(size: int, root: bytes, key: SigningKey) -> dict[str, Any]:
    head = tree_head(size, root, key.key_id)
    return {"tree_head": head, "signature": key.sign(canonical(head))}


def verify_tree_head(signed: Any, public_key: str) -> tuple[int, bytes]:
    """(tree size, root hash) of a signed tree head that this public key signed."""
    if not isinstance(signed, dict) or not isinstance(signed.get("tree_head"), dict):
        raise VerificationFailed("not a signed tree head ({'tree_head': ..., 'signature': ...})")
    head = signed["tree_head"]
    if head.get("format") != TREE_HEAD_FORMAT:
        raise VerificationFailed(f"tree head format is not {TREE_HEAD_FORMAT}")
    size, root = head.get("tree_size"), head.get("root_hash")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise VerificationFailed("tree head: 'tree_size' is not a whole number")
    try:
        root_bytes = bytes.fromhex(str(root))
        signature = unb64url(str(signed.get("signature", "")))
        verifier = decode_public(public_key)
    except ValueError as error:
        raise VerificationFailed(f"tree head: {error}") from error
    if len(root_bytes) != HASH_SIZE:
        raise VerificationFailed("tree head: 'root_hash' is not 32 bytes of hex")
    try:
        verifier.verify(signature, canonical(head))
    except Exception as error:  # cryptography raises InvalidSignature; anything else is as bad
        raise VerificationFailed(
            "tree head: the signature does not verify with the hub key"
        ) from error
    return size, root_bytes
