"""The hub-signed directory: verified with the hub's key, never downgraded; pins laid over it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.exchange.conftest import NOW, Network

from torturefree.exchange import DirectoryError, Participant
from torturefree.exchange.directory import directory_document, sign_directory, verify_directory
from torturefree.exchange.directory_store import DirectoryStore
from torturefree.exchange.publickey import parse_key_spec


def signed(network: Network, version: int, states: tuple[str, ...] = ("FR", "KE")) -> bytes:
    entries = [network.nodes[s].entry() for s in states]
    document = directory_document(version, entries, "2026-12-01T00:00:00Z")
    return sign_directory(document, network.nodes["HUB"].signing_key(NOW))


def hub_key(network: Network) -> str:
    return network.nodes["HUB"].signing_key(NOW).public.public_key


def test_a_signed_directory_verifies_and_answers_lookups(network: Network) -> None:
    directory, _ = verify_directory(signed(network, 3), hub_key(network))
    assert directory.version == 3 and sorted(directory.participants) == ["FR", "KE"]
    fr = directory.peer("FR")
    assert fr is not None and fr.inbox_url == "http://127.0.0.1:1/FR/exchange/v1/inbox"
    assert directory.key_valid_at("FR", "FR-2026-1", NOW) is not None
    assert directory.key_valid_at("FR", "FR-2026-1", dt.datetime(2025, 1, 1, tzinfo=dt.UTC)) is None
    assert directory.accepts("KE", "pre_export_notice") and not directory.accepts("DE", "receipt")


def test_a_directory_signed_by_another_key_or_changed_is_refused(network: Network) -> None:
    raw = signed(network, 1)
    with pytest.raises(DirectoryError, match="does not verify"):
        verify_directory(raw, network.nodes["FR"].signing_key(NOW).public.public_key)
    changed = raw.replace(b"http://127.0.0.1:1/KE", b"http://evil.example/KE")
    with pytest.raises(DirectoryError, match="does not verify"):
        verify_directory(changed, hub_key(network))


def test_a_lower_version_is_refused_and_the_held_one_kept(network: Network, tmp_path: Path) -> None:
    store = DirectoryStore(tmp_path)
    store.load(signed(network, 2), hub_key(network))
    with pytest.raises(DirectoryError, match="older than the held version 2"):
        store.load(signed(network, 1, ("FR",)), hub_key(network))
    held = store.held()
    assert held is not None and held.version == 2 and "KE" in held.participants
    store.load(signed(network, 3, ("FR",)), hub_key(network))
    assert sorted(store.current().participants) == ["FR"]


def test_the_same_version_with_other_contents_is_refused(network: Network, tmp_path: Path) -> None:
    store = DirectoryStore(tmp_path)
    store.load(signed(network, 2), hub_key(network))
    store.load(signed(network, 2), hub_key(network))  # the same document again is fine
    with pytest.raises(DirectoryError, match="already held with other contents"):
        store.load(signed(network, 2, ("FR",)), hub_key(network))


def test_a_pinned_peer_is_used_and_shown_as_pinned(network: Network, tmp_path: Path) -> None:
    store = DirectoryStore(tmp_path)
    store.load(signed(network, 1), hub_key(network))
    de_key = network.nodes["DE"].entry().keys[0]
    spec = f"{de_key.key_id}:{de_key.public_key}:2026-01-01"
    store.pin(Participant("DE", "http://127.0.0.1:2", (parse_key_spec(spec),)))
    current = store.current()
    de = current.peer("DE")
    assert de is not None and de.pinned and de.key_valid_at(de_key.key_id, NOW) is not None
    assert current.to_json()["participants"][-1]["pinned"] is True
    fr = current.peer("FR")
    assert fr is not None and not fr.pinned
    assert store.unpin("DE") and store.current().peer("DE") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(directory="other/1"), "not a torturefree-directory/1"),
        (lambda d: d.update(version="2"), "whole number"),
        (lambda d: d["participants"].append(d["participants"][0]), "listed twice"),
        (lambda d: d["participants"][0].update(keys=[]), "at least one key"),
        (lambda d: d["participants"][0]["keys"][0].update(public_key="abc"), "32 bytes"),
    ],
)
def test_a_malformed_directory_is_refused(network: Network, change: object, message: str) -> None:
    document = json.loads(json.dumps(directory_document(1, [network.nodes["FR"].entry()])))
    change(document)  # type: ignore[operator]
    with pytest.raises(DirectoryError, match=message):
        sign_directory(document, network.nodes["HUB"].signing_key(NOW))


def test_a_key_spec_is_read_strictly() -> None:
    with pytest.raises(ValueError, match="KEY_ID:PUBLIC_KEY"):
        parse_key_spec("only-an-id")
    with pytest.raises(ValueError, match="32 bytes"):
        parse_key_spec("FR-1:AAAA")
