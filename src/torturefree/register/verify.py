"""Proof verification as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) write it.

These run on the reader's side with nothing but the proof, the leaf and the signed roots: they
never touch a log store, so a downloaded proof is checked offline.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from torturefree.register.merkle import node_hash


def _odd(value: int) -> bool:
    return bool(value & 1)


def root_from_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes]) -> bytes | None:
    """The root an audit path leads to from leaf hash `leaf`, or None when the path cannot fit."""
    if index >= size or index < 0:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if _odd(fn) or fn == sn:
            r = node_hash(p, r)
            while not _odd(fn) and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> bool:
    """Whether leaf hash `leaf` is leaf `index` of the tree of `size` leaves with this root."""
    computed = root_from_inclusion(leaf, index, size, path)
    return computed is not None and hmac.compare_digest(computed, root)


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, path: Sequence[bytes]
) -> bool:
    """Whether the tree of `old_size` leaves (old_root) is a prefix of the one of `new_size`."""
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not path and hmac.compare_digest(old_root, new_root)
    if old_size == 0:
        return not path  # the empty tree is a prefix of every tree
    if not path:
        return False
    proof = list(path)
    if old_size & (old_size - 1) == 0:
        proof.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while _odd(fn):
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if _odd(fn) or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not _odd(fn) and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and hmac.compare_digest(fr, old_root) and hmac.compare_digest(sr, new_root)
