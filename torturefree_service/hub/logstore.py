"""The register's Merkle tree in the database: node reads in one query, batched appends.

`db_nodes` is the `Nodes` function of the core (`torturefree.register.merkle`): one
`WHERE key IN (...)` query per proof or root. `append_hashes` appends a batch of leaf hashes
under the log row's lock, computing the batch's nodes in memory and reading only the left
siblings that lie before the batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import psycopg
from django.db import connection

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
    table = connection.ops.quote_name(RegisterNode._meta.db_table)
    packed = [pack(k) for k in keys]
    # One array parameter on PostgreSQL (a search's results ask for a thousand keys at once);
    # the ORM's IN list and its row conversion took most of a results page's time. S608: the
    # table name is the model's, every value a parameter.
    if connection.vendor == "postgresql":
        return _pg_nodes(table, packed)
    marks = ", ".join(["%s"] * len(packed))
    sql = f"SELECT key, hash FROM {table} WHERE key IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, packed)
        return {unpack(k): bytes(h) for k, h in cursor.fetchall()}


def _pg_nodes(table: str, packed: list[int]) -> Mapping[Key, bytes]:
    """The keys as one binary array parameter, the hashes back in binary: Django's cursor
    binds on the client, so a page's thousands of keys were written out as text and the
    hashes came back as hex."""
    connection.ensure_connection()
    raw = connection.connection
    # A join on the unnested keys, not `key = ANY(...)`: for a page's thousands of keys the
    # planner read the whole table (a parallel seq scan, 160-190 ms at 1,000,000 entries)
    # where one index probe per key takes 20-40 ms.
    sql = (
        f"SELECT n.key, n.hash FROM unnest(%s::bigint[]) AS k(key)"  # noqa: S608
        f" JOIN {table} n ON n.key = k.key"
    )
    with psycopg.Cursor(raw) as cursor:  # server-side binding, binary rows
        cursor.execute(sql, [packed], binary=True)
        return {unpack(k): h for k, h in cursor.fetchall()}


def db_nodes_chunked(keys: Sequence[Key], chunk: int = 2000) -> Mapping[Key, bytes]:
    """`db_nodes` for many keys, in queries of `chunk` keys (bound on a statement's parameters)."""
    if connection.vendor == "postgresql":  # one array parameter: no bound to keep under
        return db_nodes(keys)
    found: dict[Key, bytes] = {}
    for start in range(0, len(keys), chunk):
        found.update(db_nodes(keys[start : start + chunk]))
    return found


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
