"""The Merkle Tree Hash of RFC 9162 §2.1, with proofs computed from stored complete subtrees.

Storage model: every *complete* subtree (level L, index I) covering leaves
[I * 2**L, (I + 1) * 2**L) is stored once, when its last leaf is appended (level 0 is the leaf
hash). Complete subtrees never change in an append-only log, so any MTH the RFC's recursions ask
for is either one stored node or a right-edge range built from at most log2(n) of them: a proof
needs O(log n) look-ups, never a rebuild. Reading is done through a `Nodes` function that returns
the stored hashes for a batch of keys; `plan` runs an algorithm once with placeholder hashes to
learn which keys it needs, so a database store answers a proof with a single query.

Leaf hash = SHA-256(0x00 || leaf), node hash = SHA-256(0x01 || left || right) (RFC 9162 §2.1.1).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence

Key = tuple[int, int]  # (level, index) of a complete subtree
Nodes = Callable[[Sequence[Key]], Mapping[Key, bytes]]
HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()  # MTH({}) = SHA-256() (RFC 9162 §2.1.1)
ALGORITHM = "rfc9162_sha256_v1"


def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(n: int) -> int:
    """The largest power of two smaller than n (n > 1): where MTH splits D[n]."""
    return 1 << ((n - 1).bit_length() - 1)


def mth(leaves: Sequence[bytes]) -> bytes:
    """MTH of the leaf inputs, by the RFC's recursive definition (the reference, O(n))."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaf_hash(leaves[0])
    k = split(len(leaves))
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def key_of_range(start: int, end: int) -> Key | None:
    """The stored node covering exactly [start, end), when that range is a complete subtree."""
    width = end - start
    if width <= 0 or width & (width - 1) or start % width:
        return None
    return (width.bit_length() - 1, start // width)


class _Reader:
    """Hashes of ranges from a node lookup; `record` mode only collects the keys asked for."""

    def __init__(self, nodes: Mapping[Key, bytes] | None) -> None:
        self.nodes = nodes
        self.asked: set[Key] = set()
        # Ranges that are no stored node (a tree's right edge), hashed once: the paths of a
        # page of search results share them.
        self.edges: dict[tuple[int, int], bytes] = {}

    def node(self, key: Key) -> bytes:
        if self.nodes is None:
            self.asked.add(key)
            return bytes(HASH_SIZE)
        try:
            return self.nodes[key]
        except KeyError as error:
            raise LookupError(
                f"the log store has no node at level {key[0]} index {key[1]}"
            ) from error

    def range_hash(self, start: int, end: int) -> bytes:
        """MTH(D[start:end]) where start is aligned (what every RFC recursion asks for)."""
        key = key_of_range(start, end)
        if key is not None:
            return self.node(key)
        known = self.edges.get((start, end))
        if known is None:
            k = split(end - start)
            known = node_hash(self.range_hash(start, start + k), self.range_hash(start + k, end))
            self.edges[(start, end)] = known
        return known


def _run(nodes: Nodes, algorithm: Callable[[_Reader], list[bytes]]) -> list[bytes]:
    recorder = _Reader(None)
    algorithm(recorder)
    return algorithm(_Reader(nodes(sorted(recorder.asked))))


def root(nodes: Nodes, size: int) -> bytes:
    """MTH of the first `size` leaves."""
    if size == 0:
        return EMPTY_ROOT
    return _run(nodes, lambda r: [r.range_hash(0, size)])[0]


def _path(reader: _Reader, index: int, start: int, end: int) -> list[bytes]:
    # PATH(m, D[n]) of RFC 9162 §2.1.3.1 on the range [start, end), unrolled: descend from the
    # root taking the other half at each split, then give the siblings leaf to root.
    siblings: list[bytes] = []
    while end - start > 1:
        k = split(end - start)
        if index < start + k:
            siblings.append(reader.range_hash(start + k, end))
            end = start + k
        else:
            siblings.append(reader.range_hash(start, start + k))
            start += k
    siblings.reverse()
    return siblings


def inclusion_proof(nodes: Nodes, index: int, size: int) -> list[bytes]:
    """The audit path of leaf `index` in the tree of `size` leaves (leaf to root order)."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size} leaves")
    return _run(nodes, lambda r: _path(r, index, 0, size))


def inclusion_proofs(nodes: Nodes, indexes: Sequence[int], size: int) -> list[list[bytes]]:
    """The audit paths of many leaves of one tree, their nodes read in one `nodes` call (the
    paths of nearby leaves share most of their nodes; one recording pass each, not two)."""
    for index in indexes:
        if not 0 <= index < size:
            raise ValueError(f"leaf {index} is not in a tree of {size} leaves")
    recorder = _Reader(None)
    for index in indexes:
        _path(recorder, index, 0, size)
    reader = _Reader(nodes(sorted(recorder.asked)))
    return [_path(reader, index, 0, size) for index in indexes]


def _subproof(reader: _Reader, m: int, start: int, end: int, whole: bool) -> list[bytes]:
    # SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1, with m counted from `start`.
    n = end - start
    if m == n:
        return [] if whole else [reader.range_hash(start, end)]
    k = split(n)
    if m <= k:
        return [*_subproof(reader, m, start, start + k, whole), reader.range_hash(start + k, end)]
    return [*_subproof(reader, m - k, start + k, end, False), reader.range_hash(start, start + k)]


def consistency_proof(nodes: Nodes, old_size: int, new_size: int) -> list[bytes]:
    """PROOF(m, D[n]): that the tree of `old_size` leaves is a prefix of the one of `new_size`."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from {old_size} to {new_size} leaves")
    if old_size in (0, new_size):
        return []
    return _run(nodes, lambda r: _subproof(r, old_size, 0, new_size, True))


def appended_nodes(index: int, hashed: bytes, nodes: Nodes) -> list[tuple[Key, bytes]]:
    """The nodes to store when leaf `index` (hash `hashed`) is appended: itself and every
    subtree it completes (one on average). Reads the left siblings it needs in one batch."""
    levels = (~index & (index + 1)).bit_length() - 1  # trailing one bits of index
    siblings = [(level, (index >> level) - 1) for level in range(levels)]
    found = nodes(siblings) if siblings else {}
    made = [((0, index), hashed)]
    current = hashed
    for level, sibling in enumerate(siblings):
        current = node_hash(found[sibling], current)
        made.append(((level + 1, index >> (level + 1)), current))
    return made


class MemoryNodes:
    """Complete subtrees held in a dict: for tests and for verifying a downloaded copy offline."""

    def __init__(self) -> None:
        self.stored: dict[Key, bytes] = {}
        self.size = 0

    def __call__(self, keys: Sequence[Key]) -> Mapping[Key, bytes]:
        return {k: self.stored[k] for k in keys if k in self.stored}

    def append(self, leaf: bytes) -> int:
        return self.append_hash(leaf_hash(leaf))

    def append_hash(self, hashed: bytes) -> int:
        index = self.size
        self.stored.update(appended_nodes(index, hashed, self))
        self.size += 1
        return index

    def extend(self, leaves: Iterable[bytes]) -> None:
        for leaf in leaves:
            self.append(leaf)

    def root(self, size: int | None = None) -> bytes:
        return root(self, self.size if size is None else size)
