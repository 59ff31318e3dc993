"""Signed tree heads, entries and the offline verification of a copy and of a proof document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from torturefree.exchange.keys import Keyring, SigningKey
from torturefree.register.copy import (
    copy_lines,
    proof_document,
    verify_copy,
    verify_proof_document,
)
from torturefree.register.entry import leaf_bytes, make_entry, normalise_name
from torturefree.register.errors import FOREIGN_TRADER, RegisterRefusal, VerificationFailed
from torturefree.register.merkle import MemoryNodes, inclusion_proof
from torturefree.register.treehead import sign_tree_head, verify_tree_head

AT = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def hub_key(tmp_path: Path) -> SigningKey:
    ring = Keyring(tmp_path)
    ring.create("HUB", dt.date(2026, 1, 1), None)
    return ring.signing_key(AT)


def _body(name: str, country: str = "FR", action: str = "authorised") -> dict[str, Any]:
    body: dict[str, Any] = {
        "trader": {"name": name, "country": country, "address": "1 rue X", "identifiers": {}},
        "authorisation": {
            "kind": "global_licence",
            "reference": f"GL-{name}",
            "valid_from": "2026-01-01",
            "valid_until": None,
        },
        "action": action,
    }
    if action == "withdrawn":
        body["reason"] = "revoked"
    return body


def _entries(count: int) -> list[dict[str, Any]]:
    return [
        make_entry(state="FR", message_id=f"m{i}", sent_at=AT, recorded_at=AT, body=_body(f"T{i}"))
        for i in range(count)
    ]


def _copy(entries: list[dict[str, Any]], key: SigningKey) -> list[str]:
    log = MemoryNodes()
    log.extend(leaf_bytes(e) for e in entries)
    return list(copy_lines(sign_tree_head(log.size, log.root(), key), enumerate(entries)))


def test_a_state_cannot_register_a_trader_of_another_state() -> None:
    with pytest.raises(RegisterRefusal) as refused:
        make_entry(state="FR", message_id="m", sent_at=AT, recorded_at=AT, body=_body("X", "KE"))
    assert refused.value.code == FOREIGN_TRADER
    assert refused.value.field == "body.trader.country"


def test_an_entry_keeps_only_the_trader_fields_of_the_contract() -> None:
    body = _body("Acme")
    body["trader"]["internal_note"] = "never published"
    entry = make_entry(state="FR", message_id="m", sent_at=AT, recorded_at=AT, body=body)
    assert set(entry["trader"]) == {"name", "country", "address", "identifiers"}
    assert entry["state"] == "FR" and entry["message_id"] == "m"


def test_names_are_normalised_for_search() -> None:
    assert normalise_name("  Société  Générale-Armes ") == "societe generale armes"


def test_tree_head_signature_verifies_and_a_changed_root_fails(hub_key: SigningKey) -> None:
    signed = sign_tree_head(3, bytes(32), hub_key)
    assert verify_tree_head(signed, hub_key.public.public_key) == (3, bytes(32))
    signed["tree_head"]["tree_size"] = 4
    with pytest.raises(VerificationFailed, match="signature"):
        verify_tree_head(signed, hub_key.public.public_key)


def test_an_untouched_copy_verifies_with_an_entry_inclusion(hub_key: SigningKey) -> None:
    lines = _copy(_entries(11), hub_key)
    report = verify_copy(lines, hub_key.public.public_key, entry=6)
    assert report.tree_size == 11 and report.entry == 6 and len(report.audit_path) == 4


@pytest.mark.parametrize("tamper", ["change", "drop", "swap", "add"])
def test_a_tampered_copy_fails(hub_key: SigningKey, tamper: str) -> None:
    lines = _copy(_entries(6), hub_key)
    records = [json.loads(line) for line in lines[1:]]
    if tamper == "change":
        records[2]["entry"]["trader"]["name"] = "Someone else"
    elif tamper == "drop":
        del records[5]
    elif tamper == "swap":
        records[1]["entry"], records[2]["entry"] = records[2]["entry"], records[1]["entry"]
    else:
        records.append({"index": 6, "entry": records[0]["entry"]})
    tampered = [lines[0], *(json.dumps(r) + "\n" for r in records)]
    with pytest.raises(VerificationFailed):
        verify_copy(tampered, hub_key.public.public_key)


def test_a_copy_signed_by_another_key_fails(hub_key: SigningKey, tmp_path: Path) -> None:
    other = Keyring(tmp_path / "other")
    other.create("HUB", dt.date(2026, 1, 1), None)
    lines = _copy(_entries(2), other.signing_key(AT))
    with pytest.raises(VerificationFailed, match="signature"):
        verify_copy(lines, hub_key.public.public_key)


def test_a_proof_document_verifies_offline_and_fails_when_the_entry_changes(
    hub_key: SigningKey,
) -> None:
    entries = _entries(5)
    log = MemoryNodes()
    log.extend(leaf_bytes(e) for e in entries)
    signed = sign_tree_head(log.size, log.root(), hub_key)
    document = proof_document(3, entries[3], inclusion_proof(log, 3, 5), signed)
    assert verify_proof_document(document, hub_key.public.public_key).entry == 3
    document["entry"]["authorisation"]["valid_until"] = "2099-12-31"
    with pytest.raises(VerificationFailed, match="not in the signed tree"):
        verify_proof_document(document, hub_key.public.public_key)
