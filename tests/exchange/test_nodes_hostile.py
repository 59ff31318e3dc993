"""Hostile and broken posts to a real node's inbox: each gets a signed refusal naming the check
that failed, is recorded as refused, and stores nothing (docs/exchange.md, refusal codes)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.exchange.commands import command
from tests.exchange.conftest import body
from tests.exchange.nodes import Network, NodeProcess, exchange_network

from torturefree.exchange import Node, NodeSettings, verify
from torturefree.exchange.canonical import canonical
from torturefree.exchange.keys import SigningKey
from torturefree.exchange.timefmt import format_time, now_utc

__all__ = ["exchange_network"]

pytestmark = pytest.mark.slow


def envelope(sender: str, key_id: str, **changes: Any) -> dict[str, Any]:
    identifier = str(uuid.uuid4())
    document: dict[str, Any] = {
        "protocol": "torturefree-exchange/1",
        "id": identifier,
        "type": "information_request",
        "from": sender,
        "to": "KE",
        "key_id": key_id,
        "sent_at": format_time(now_utc()),
        "conversation": identifier,
        "in_reply_to": None,
        "body": body("information_request"),
    }
    document.update(changes)
    return document


def signed(document: dict[str, Any], key: SigningKey) -> bytes:
    """Signed as given, past every check `sign` makes on our own messages: what a hostile or
    broken peer can send."""
    return canonical({"envelope": document, "signature": key.sign(canonical(document))})


def refusal(ke: NodeProcess, raw: bytes, directory_of: NodeProcess) -> dict[str, Any]:
    """POST `raw` to KE; the error of KE's signed receipt, checked to be a refusal from KE."""
    status, answer = ke.post(raw, timeout=60)
    assert status == 200, answer[:300]
    addressee = json.loads(answer)["envelope"]["to"]
    receipt = verify(answer, me=addressee, now=now_utc(), directory=directory_of.node.directory())
    assert receipt.envelope.sender == "KE" and receipt.envelope.type == "receipt"
    assert receipt.envelope.body["status"] == "refused"
    error: dict[str, Any] = dict(receipt.envelope.body["error"])
    return error


def test_every_hostile_post_is_refused_with_its_code_recorded_and_nothing_stored(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    network = exchange_network("FR", "KE", start=False)
    fr, ke = network["FR"], network["KE"]
    ke.start()
    key = fr.node.signing_key()
    stranger = Node(tmp_path / "gh")
    stranger.init(NodeSettings(state="GH", url="http://127.0.0.1:9/gh", profile="UN-A"))

    good = envelope("FR", key.key_id)
    status, _ = ke.post(signed(good, key))
    assert status == 200
    other_bytes = {**good, "body": {**good["body"], "questions": [{"text": "Something else?"}]}}
    soon = now_utc() + dt.timedelta(minutes=10)
    before_key = dt.datetime.combine(key.public.valid_from, dt.time(), dt.UTC) - dt.timedelta(1)
    tampered = signed(envelope("FR", key.key_id), key).replace(b"end_use", b"end_usf", 1)
    bad_body = {**good["body"], "internal_note": "the officer's view"}
    cases: dict[str, tuple[bytes, str, str | None]] = {
        "10 MB body": (b'{"envelope": "' + b"x" * (10 * 1024 * 1024) + b'"}', "too_large", None),
        "not JSON": (b'{"envelope": {"id": ', "malformed", None),
        "duplicate keys": (b'{"envelope": {}, "envelope": {}}', "malformed", None),
        "other protocol": (
            signed(envelope("FR", key.key_id, protocol="torturefree-exchange/2"), key),
            "unsupported_protocol",
            "envelope.protocol",
        ),
        "for another state": (
            signed(envelope("FR", key.key_id, to="DE"), key),
            "wrong_recipient",
            "envelope.to",
        ),
        "unknown sender": (
            signed(envelope("GH", stranger.signing_key().key_id), stranger.signing_key()),
            "unknown_sender",
            "envelope.from",
        ),
        "unknown key": (signed(envelope("FR", "FR-1999-1"), key), "unknown_key", "envelope.key_id"),
        "key out of its validity": (
            signed(envelope("FR", key.key_id, sent_at=format_time(before_key)), key),
            "key_not_valid",
            "envelope.key_id",
        ),
        "changed byte": (tampered, "bad_signature", "signature"),
        "clock far ahead": (
            signed(envelope("FR", key.key_id, sent_at=format_time(soon)), key),
            "clock_skew",
            "envelope.sent_at",
        ),
        "unknown type": (
            signed(envelope("FR", key.key_id, type="gossip"), key),
            "unknown_type",
            "envelope.type",
        ),
        "body outside its schema": (
            signed(envelope("FR", key.key_id, body=bad_body), key),
            "schema",
            "body.internal_note",
        ),
        "a receipt posted": (
            signed(envelope("FR", key.key_id, type="receipt", body=receipt_body()), key),
            "not_applicable",
            "envelope.type",
        ),
        "replay with other bytes": (signed(other_bytes, key), "duplicate_id", "envelope.id"),
    }
    for name, (raw, code, field) in cases.items():
        error = refusal(ke, raw, fr)
        assert (error["code"], error["field"]) == (code, field), name

    rows = command(ke, "inbox", "--json")
    assert [r["id"] for r in rows if r["state"] == "accepted"] == [good["id"]]
    refused = [r for r in rows if r["state"] == "refused"]
    assert sorted(r["error"]["code"] for r in refused) == sorted(c for _, c, _ in cases.values())
    largest = max(refused, key=lambda r: int(r["size"]))
    assert largest["error"]["code"] == "too_large"
    assert int(largest["size"]) <= 1024 * 1024 + 1  # not read, let alone kept, beyond the limit


def receipt_body() -> dict[str, Any]:
    return {
        "status": "accepted",
        "sha256": "0" * 64,
        "received_at": format_time(now_utc()),
        "error": None,
    }
