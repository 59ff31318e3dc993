"""The international register of authorised traders (seed ¶107) on the log core.

A node's signed `register_update` is verified against the hub's directory (the participants
table), turned into a register entry (`torturefree.register.entry`), appended to the Merkle tree
and covered by a new signed tree head, all in one transaction: refused updates store nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.db import transaction

from torturefree.exchange.directory import Directory
from torturefree.exchange.envelope import SignedMessage
from torturefree.exchange.timefmt import now_utc, parse_day
from torturefree.exchange.verify import verify
from torturefree.register.copy import copy_lines, proof_document
from torturefree.register.entry import leaf_bytes, make_entry, normalise_name
from torturefree.register.errors import REPLAYED, UNKNOWN_AUTHORISATION, RegisterRefusal
from torturefree.register.merkle import (
    consistency_proof,
    inclusion_proof,
    inclusion_proofs,
    leaf_hash,
)
from torturefree.register.treehead import sign_tree_head
from torturefree_service.hub import logstore
from torturefree_service.hub.models import RegisterEntry, TreeHead
from torturefree_service.hub.participants import entries, hub_node

MESSAGE_TYPE = "register_update"


def hub_directory() -> Directory:
    """Who may send updates: the participants the hub lists, with their keys."""
    return Directory(0, "", {e.state: e for e in entries()})


def register_receive(raw: bytes, now: dt.datetime | None = None) -> RegisterEntry:
    """Verify a signed register_update (as received) and append it; raises Refusal or
    RegisterRefusal with nothing stored."""
    message = verify(raw, me=hub_node().state, now=now or now_utc(), directory=hub_directory())
    return register_apply(message)


def register_apply(message: SignedMessage) -> RegisterEntry:
    """Append a verified message's entry (the exchange inbox's handler calls this too)."""
    envelope = message.envelope
    if envelope.type != MESSAGE_TYPE:
        raise RegisterRefusal("wrong_type", f"the register takes {MESSAGE_TYPE}", "envelope.type")
    if RegisterEntry.objects.filter(message_id=envelope.id).exists():
        raise RegisterRefusal(REPLAYED, f"message {envelope.id} is already in the register", "id")
    entry = make_entry(
        state=envelope.sender,
        message_id=envelope.id,
        sent_at=envelope.sent_at,
        recorded_at=now_utc(),
        body=envelope.body,
    )
    return register_append([entry])[0]


def register_append(entries_: Sequence[Mapping[str, Any]]) -> list[RegisterEntry]:
    """Append entries in order under the log lock and sign one tree head over the result."""
    with transaction.atomic():
        log = logstore.locked_log()
        rows = [_row(log.size + i, e) for i, e in enumerate(entries_)]
        _apply_withdrawals(rows)
        logstore.append_hashes(log, [leaf_hash(r.text.encode("utf-8")) for r in rows])
        RegisterEntry.objects.bulk_create(rows, batch_size=2000)
        _sign_head(log.size)
    return rows


def _row(index: int, entry: Mapping[str, Any]) -> RegisterEntry:
    trader, authorisation = entry["trader"], entry["authorisation"]
    until = authorisation.get("valid_until")
    return RegisterEntry(
        index=index,
        message_id=entry["message_id"],
        state=entry["state"],
        action=entry["action"],
        kind=authorisation["kind"],
        reference=authorisation["reference"],
        name=trader["name"],
        name_key=normalise_name(trader["name"]),
        country=trader["country"],
        valid_from=parse_day(authorisation["valid_from"]),
        valid_until=parse_day(until) if until else None,
        recorded_at=dt.datetime.fromisoformat(entry["recorded_at"].replace("Z", "+00:00")),
        text=leaf_bytes(entry).decode("utf-8"),
    )


def _apply_withdrawals(rows: list[RegisterEntry]) -> None:
    """A withdrawal names an authorisation its state registered before: mark it withdrawn."""
    for row in rows:
        if row.action != "withdrawn":
            continue
        earlier = [r for r in rows if r.index < row.index and _same_authorisation(r, row)]
        stored = RegisterEntry.objects.filter(
            state=row.state, reference=row.reference, kind=row.kind, action="authorised"
        )
        if not earlier and not stored.exists():
            raise RegisterRefusal(
                UNKNOWN_AUTHORISATION,
                f"{row.state} registered no {row.kind} '{row.reference}' to withdraw",
                "body.authorisation.reference",
            )
        for r in earlier:
            r.withdrawn_on = r.withdrawn_on or row.recorded_at.date()
        stored.filter(withdrawn_on__isnull=True).update(withdrawn_on=row.recorded_at.date())


def _same_authorisation(a: RegisterEntry, b: RegisterEntry) -> bool:
    return (a.state, a.reference, a.kind, a.action) == (b.state, b.reference, b.kind, "authorised")


def _sign_head(size: int) -> dict[str, Any]:
    signed = sign_tree_head(size, logstore.root(size), hub_node().signing_key())
    TreeHead.objects.update_or_create(tree_size=size, defaults={"signed": signed})
    return signed


def tree_head() -> dict[str, Any]:
    """The latest signed tree head (one is signed for the empty register on first use)."""
    head = TreeHead.objects.order_by("-tree_size").first()
    if head is not None:
        return dict(head.signed)
    with transaction.atomic():
        return _sign_head(logstore.locked_log().size)


def entry_proof(index: int) -> dict[str, Any]:
    """An entry with its audit path to the latest signed tree head (verifiable offline)."""
    head = tree_head()
    size = head["tree_head"]["tree_size"]
    row = RegisterEntry.objects.get(index=index)
    path = inclusion_proof(logstore.db_nodes, index, size)
    return proof_document(index, row_entry(row), path, head, row.text.encode("utf-8"))


def entry_proofs(rows: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """Proof documents of many entries, given as (index, leaf text), to one tree head, their
    paths' nodes read together (the paths of a search's results share most of their nodes).
    Plain tuples, not model rows: building a thousand model instances cost a page of results
    more than their proofs."""
    head = tree_head()
    size = head["tree_head"]["tree_size"]
    rows = [r for r in rows if r[0] < size]
    paths = inclusion_proofs(logstore.db_nodes_chunked, [index for index, _ in rows], size)
    return [
        proof_document(index, json.loads(text), path, head, text.encode("utf-8"))
        for (index, text), path in zip(rows, paths, strict=True)
    ]


def consistency(old_size: int, new_size: int) -> list[str]:
    return [p.hex() for p in consistency_proof(logstore.db_nodes, old_size, new_size)]


def row_entry(row: RegisterEntry) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(row.text)
    return value


def copy_stream(chunk: int = 5000) -> Iterator[str]:
    """The copy (JSON Lines) of the whole register under the latest signed tree head."""
    head = tree_head()
    size = head["tree_head"]["tree_size"]

    def rows() -> Iterator[tuple[int, Any]]:
        for start in range(0, size, chunk):
            batch = RegisterEntry.objects.filter(
                index__gte=start, index__lt=min(size, start + chunk)
            )
            for index, text in batch.order_by("index").values_list("index", "text"):
                yield index, json.loads(text)

    return copy_lines(head, rows())
