"""The log's tree against the published CT/RFC 6962 test vectors and by hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from torturefree.register.merkle import (
    EMPTY_ROOT,
    MemoryNodes,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    mth,
)
from torturefree.register.verify import verify_consistency, verify_inclusion

# The leaf inputs and roots of the certificate-transparency reference test suite (the same
# values every RFC 6962 / 9162 implementation checks against).
LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    bytes(range(0x60, 0x70)),
]
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = {
    (0, 1): [],
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 3): ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    (1, 5): [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}
CONSISTENCY = {
    (1, 1): [],
    (1, 8): INCLUSION[(0, 8)],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}


def _log(leaves: list[bytes]) -> MemoryNodes:
    log = MemoryNodes()
    log.extend(leaves)
    return log


def test_empty_tree_root_is_sha256_of_nothing() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]
    assert MemoryNodes().root().hex() == ROOTS[0]


@pytest.mark.parametrize("size", range(1, 9))
def test_roots_match_the_reference_vectors(size: int) -> None:
    assert mth(LEAVES[:size]).hex() == ROOTS[size]
    assert _log(LEAVES).root(size).hex() == ROOTS[size]


@pytest.mark.parametrize(("index", "size"), sorted(INCLUSION))
def test_inclusion_proofs_match_the_reference_vectors(index: int, size: int) -> None:
    log = _log(LEAVES)
    proof = inclusion_proof(log, index, size)
    assert [p.hex() for p in proof] == INCLUSION[(index, size)]
    root = bytes.fromhex(ROOTS[size])
    assert verify_inclusion(leaf_hash(LEAVES[index]), index, size, proof, root)


@pytest.mark.parametrize(("old", "new"), sorted(CONSISTENCY))
def test_consistency_proofs_match_the_reference_vectors(old: int, new: int) -> None:
    proof = consistency_proof(_log(LEAVES), old, new)
    assert [p.hex() for p in proof] == CONSISTENCY[(old, new)]
    assert verify_consistency(old, new, bytes.fromhex(ROOTS[old]), bytes.fromhex(ROOTS[new]), proof)


def test_out_of_range_proofs_are_refused() -> None:
    log = _log(LEAVES)
    with pytest.raises(ValueError, match="not in a tree"):
        inclusion_proof(log, 8, 8)
    with pytest.raises(ValueError, match="no consistency proof"):
        consistency_proof(log, 5, 3)
    assert not verify_inclusion(leaf_hash(b""), 3, 3, [], EMPTY_ROOT)


leaf_lists = st.lists(st.binary(max_size=8), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(leaf_lists)
def test_every_inclusion_proof_verifies_for_every_size(leaves: list[bytes]) -> None:
    log = _log(leaves)
    for size in range(1, len(leaves) + 1):
        root = log.root(size)
        assert root == mth(leaves[:size])
        for index in range(size):
            proof = inclusion_proof(log, index, size)
            assert verify_inclusion(leaf_hash(leaves[index]), index, size, proof, root)


@settings(max_examples=60, deadline=None)
@given(leaf_lists)
def test_every_consistency_proof_verifies(leaves: list[bytes]) -> None:
    log = _log(leaves)
    for new in range(1, len(leaves) + 1):
        for old in range(0, new + 1):
            proof = consistency_proof(log, old, new)
            assert verify_consistency(old, new, log.root(old), log.root(new), proof)


def _flip(value: bytes, position: int) -> bytes:
    position %= len(value)
    return value[:position] + bytes([value[position] ^ 1]) + value[position + 1 :]


@settings(max_examples=80, deadline=None)
@given(leaf_lists, st.data())
def test_a_flipped_byte_fails_inclusion(leaves: list[bytes], data: st.DataObject) -> None:
    log = _log(leaves)
    size = data.draw(st.integers(1, len(leaves)))
    index = data.draw(st.integers(0, size - 1))
    proof = inclusion_proof(log, index, size)
    root, leaf = log.root(size), leaf_hash(leaves[index])
    where = data.draw(st.integers(0, 31))
    assert not verify_inclusion(_flip(leaf, where), index, size, proof, root)
    assert not verify_inclusion(leaf, index, size, proof, _flip(root, where))
    if proof:
        step = data.draw(st.integers(0, len(proof) - 1))
        bad = [*proof[:step], _flip(proof[step], where), *proof[step + 1 :]]
        assert not verify_inclusion(leaf, index, size, bad, root)
        assert not verify_inclusion(leaf, index, size, proof[:-1], root)
    if size > 1 and len(set(leaves[:size])) == size:
        # The same path at another position fails (unless equal leaves make both positions alike).
        assert not verify_inclusion(leaf, (index + 1) % size, size, proof, root)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.binary(max_size=8), min_size=2, max_size=40), st.data())
def test_a_flipped_byte_fails_consistency(leaves: list[bytes], data: st.DataObject) -> None:
    log = _log(leaves)
    new = data.draw(st.integers(2, len(leaves)))
    old = data.draw(st.integers(1, new - 1))
    proof = consistency_proof(log, old, new)
    old_root, new_root = log.root(old), log.root(new)
    where = data.draw(st.integers(0, 31))
    assert not verify_consistency(old, new, _flip(old_root, where), new_root, proof)
    assert not verify_consistency(old, new, old_root, _flip(new_root, where), proof)
    step = data.draw(st.integers(0, len(proof) - 1))
    bad = [*proof[:step], _flip(proof[step], where), *proof[step + 1 :]]
    assert not verify_consistency(old, new, old_root, new_root, bad)


def test_a_rewritten_history_is_not_consistent() -> None:
    honest = _log(LEAVES)
    rewritten = _log([b"rewritten", *LEAVES[1:]])
    proof = consistency_proof(rewritten, 3, 8)
    assert not verify_consistency(3, 8, honest.root(3), rewritten.root(8), proof)
