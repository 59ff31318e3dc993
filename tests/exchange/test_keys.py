"""A node's keys: created private, refused when others can read them, rotated, retired."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from tests.exchange.conftest import KEYS_FROM, NOW, make_node

from torturefree.errors import InputError
from torturefree.exchange import Keyring, KeyStoreError
from torturefree.exchange.publickey import unb64url


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_first_key_is_private_and_named_by_state_and_year(tmp_path: Path) -> None:
    node = make_node(tmp_path, "FR")
    (key,) = node.keyring.public_keys()
    assert key.key_id == "FR-2026-1" and key.valid_from == KEYS_FROM and key.valid_until is None
    assert len(unb64url(key.public_key)) == 32
    assert mode(tmp_path / "keys") == 0o700
    assert mode(tmp_path / "keys" / "FR-2026-1.pem") == 0o600
    assert node.signing_key(NOW).key_id == "FR-2026-1"


def test_init_again_keeps_the_key_and_refuses_another_state(tmp_path: Path) -> None:
    first = make_node(tmp_path, "FR").entry().keys
    assert make_node(tmp_path, "FR").entry().keys == first
    with pytest.raises(InputError, match="already holds the keys of FR"):
        make_node(tmp_path, "DE")


@pytest.mark.parametrize(("target", "bad"), [("file", 0o640), ("file", 0o604), ("folder", 0o755)])
def test_a_key_readable_by_others_is_refused(tmp_path: Path, target: str, bad: int) -> None:
    make_node(tmp_path, "FR")
    folder = tmp_path / "keys"
    os.chmod(folder / "FR-2026-1.pem" if target == "file" else folder, bad)
    with pytest.raises(KeyStoreError, match=f"mode {bad:04o}.*refusing"):
        Keyring(tmp_path).signing_key(NOW)


def test_a_key_file_that_does_not_match_its_listing_is_refused(tmp_path: Path) -> None:
    make_node(tmp_path / "a", "FR")
    make_node(tmp_path / "b", "FR")
    other = (tmp_path / "b" / "keys" / "FR-2026-1.pem").read_bytes()
    target = tmp_path / "a" / "keys" / "FR-2026-1.pem"
    target.write_bytes(other)
    with pytest.raises(KeyStoreError, match="does not hold the Ed25519 key"):
        Keyring(tmp_path / "a").signing_key(NOW)


def test_rotation_adds_a_key_and_ends_the_old_one_the_day_before(tmp_path: Path) -> None:
    keyring = make_node(tmp_path, "FR").keyring
    new = keyring.rotate(dt.date(2027, 1, 1), dt.date(2029, 12, 31))
    old, listed = keyring.public_keys()
    assert new == listed and new.key_id == "FR-2027-1"
    assert old.valid_until == dt.date(2026, 12, 31)
    assert keyring.signing_key(NOW).key_id == "FR-2026-1"
    assert keyring.signing_key(dt.datetime(2027, 1, 1, tzinfo=dt.UTC)).key_id == "FR-2027-1"
    with pytest.raises(KeyStoreError, match="no key of this node is valid"):
        keyring.signing_key(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))


def test_rotation_never_goes_back(tmp_path: Path) -> None:
    keyring = make_node(tmp_path, "FR").keyring
    with pytest.raises(InputError, match="must start after"):
        keyring.rotate(KEYS_FROM, None)


def test_a_retired_key_keeps_its_public_half_only(tmp_path: Path) -> None:
    keyring = make_node(tmp_path, "FR").keyring
    keyring.rotate(dt.date(2026, 6, 1), None)
    keyring.retire("FR-2026-1")
    assert not (tmp_path / "keys" / "FR-2026-1.pem").exists()
    entries = {e.public.key_id: e.retired for e in keyring.entries()}
    assert entries == {"FR-2026-1": True, "FR-2026-2": False}
    with pytest.raises(KeyStoreError, match="no key of this node is valid"):
        keyring.signing_key(dt.datetime(2026, 3, 1, tzinfo=dt.UTC))


def test_the_only_key_valid_now_cannot_be_retired(tmp_path: Path) -> None:
    keyring = make_node(tmp_path, "FR").keyring
    with pytest.raises(InputError, match="only key valid now"):
        keyring.retire("FR-2026-1")
