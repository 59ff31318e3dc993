"""The register's Merkle tree in the database: node reads in one query, batched appends.

`db_nodes` is the `Nodes` function of the core (`torturefree.register.merkle`): one
`WHERE key IN (...)` query per proof or root. `append_hashes` appends a batch of leaf hashes
under the log row's lock, computing the batch's nodes in memory and reading only the left
siblings that lie before the batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from torturefree.register.merkle import Key, appended_nodes
from torturefree.register.merkle import root as merkle_root
from torturefree_service.hub.models import RegisterLog, RegisterNode

SHIFT = 56


def pack(key: Key) -> int:
    return (key[0] << SHIFT) | key[1]


def unpack(value: int) -> Key:
    return (value >> SHIFT, value & ((1 << SHIFT) - 1))


def db_nodes(keys: Sequence[Key]) -> Mapping[Key, bytes]:
    if not keys:
        return {}
    rows = RegisterNode.objects.filter(key__in=[pack(k) for k in keys]).values_list("key", "hash")
    return {unpack(k): bytes(h) for k, h in rows}


def locked_log() -> RegisterLog:
    """The log row, locked until the transaction ends (call inside transaction.atomic)."""
    log = RegisterLog.objects.select_for_update().filter(pk=1).first()
    if log is None:
        RegisterLog.objects.get_or_create(pk=1)
        log = RegisterLog.objects.select_for_update().get(pk=1)
    return log


class _Batch:
    """Nodes made by this batch, read before the database."""

    def __init__(self) -> None:
        self.made: dict[Key, bytes] = {}

    def __call__(self, keys: Sequence[Key]) -> Mapping[Key, bytes]:
        found = {k: self.made[k] for k in keys if k in self.made}
        missing = [k for k in keys if k not in found]
        return {**found, **db_nodes(missing)} if missing else found


def append_hashes(log: RegisterLog, hashes: Sequence[bytes]) -> int:
    """Append leaf hashes at log.size (log locked by the caller); returns the first index."""
    first = log.size
    batch = _Batch()
    for offset, hashed in enumerate(hashes):
        batch.made.update(appended_nodes(first + offset, hashed, batch))
    RegisterNode.objects.bulk_create(
        [RegisterNode(key=pack(k), hash=h) for k, h in batch.made.items()], batch_size=2000
    )
    log.size = first + len(hashes)
    log.save(update_fields=["size"])
    return int(first)


def root(size: int) -> bytes:
    return merkle_root(db_nodes, size)
