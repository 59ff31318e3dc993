"""Offline verification of what the hub publishes: a downloaded copy and an entry's proof.

A copy (`register.jsonl`) is JSON Lines: line 1 is the signed tree head, then one line per leaf
`{"index": i, "entry": {...}}` in log order. Verifying it recomputes every leaf hash from the
entry's canonical form, rebuilds the tree and compares its root with the signed one, so a single
changed, removed, added or reordered entry fails. A proof document (`/register/entries/<i>/proof`)
carries an entry, its audit path and the signed tree head, and verifies with no copy at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from torturefree.register.entry import leaf_bytes
from torturefree.register.errors import VerificationFailed
from torturefree.register.merkle import MemoryNodes, inclusion_proof, leaf_hash
from torturefree.register.treehead import verify_tree_head
from torturefree.register.verify import verify_inclusion

PROOF_FORMAT = "torturefree-register-proof/1"


@dataclass(frozen=True)
class CopyReport:
    tree_size: int
    root_hash: str
    entry: int | None = None
    audit_path: tuple[str, ...] = ()


def copy_lines(signed_head: dict[str, Any], entries: Iterable[tuple[int, Any]]) -> Iterator[str]:
    """The lines of a copy (each ends with a newline)."""
    yield json.dumps(signed_head, ensure_ascii=False, sort_keys=True) + "\n"
    for index, entry in entries:
        yield json.dumps({"index": index, "entry": entry}, ensure_ascii=False) + "\n"


def _parse(number: int, line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise VerificationFailed(f"line {number}: not JSON ({error.msg})") from error


def verify_copy(lines: Iterable[str], hub_key: str, entry: int | None = None) -> CopyReport:
    """Check a copy against its signed tree head; with `entry`, also that entry's inclusion."""
    numbered = enumerate(lines, start=1)
    first = next(numbered, None)
    if first is None:
        raise VerificationFailed("the copy is empty: no signed tree head on line 1")
    size, signed_root = verify_tree_head(_parse(1, first[1]), hub_key)
    log, leaves = MemoryNodes(), []
    for number, line in numbered:
        if not line.strip():
            continue
        record = _parse(number, line)
        if not isinstance(record, dict) or record.get("index") != log.size:
            raise VerificationFailed(f"line {number}: expected the entry of index {log.size}")
        hashed = leaf_hash(leaf_bytes(record.get("entry") or {}))
        leaves.append(hashed)
        log.append_hash(hashed)
    if log.size != size:
        raise VerificationFailed(f"the copy holds {log.size} entries, the tree head says {size}")
    if log.root() != signed_root:
        raise VerificationFailed(
            "the entries do not hash to the signed root: the copy was changed after signing"
        )
    if entry is None:
        return CopyReport(size, signed_root.hex())
    if not 0 <= entry < size:
        raise VerificationFailed(f"entry {entry} is not in a register of {size} entries")
    path = inclusion_proof(log, entry, size)
    if not verify_inclusion(leaves[entry], entry, size, path, signed_root):
        raise VerificationFailed(f"entry {entry}: the inclusion proof does not verify")
    return CopyReport(size, signed_root.hex(), entry, tuple(p.hex() for p in path))


def proof_document(
    index: int,
    entry: dict[str, Any],
    path: list[bytes],
    signed_head: dict[str, Any],
    leaf: bytes | None = None,
) -> dict[str, Any]:
    """`leaf`: the entry's leaf bytes when the caller holds them (a store keeps them; making
    them again from `entry` is an RFC 8785 serialisation per result of a search)."""
    return {
        "format": PROOF_FORMAT,
        "index": index,
        "entry": entry,
        "leaf_hash": leaf_hash(leaf_bytes(entry) if leaf is None else leaf).hex(),
        "tree_size": signed_head["tree_head"]["tree_size"],
        "audit_path": [p.hex() for p in path],
        "tree_head": signed_head,
    }


def verify_proof_document(document: Any, hub_key: str) -> CopyReport:
    """An entry page's proof: the entry hashes to its leaf, the path leads to the signed root."""
    if not isinstance(document, dict) or document.get("format") != PROOF_FORMAT:
        raise VerificationFailed(f"not a {PROOF_FORMAT} document")
    size, root = verify_tree_head(document.get("tree_head"), hub_key)
    index = document.get("index")
    if not isinstance(index, int) or document.get("tree_size") != size:
        raise VerificationFailed("the proof's index or tree size does not match its tree head")
    try:
        path = [bytes.fromhex(p) for p in document.get("audit_path") or []]
    except (TypeError, ValueError) as error:
        raise VerificationFailed(f"audit_path: {error}") from error
    hashed = leaf_hash(leaf_bytes(document.get("entry") or {}))
    if not verify_inclusion(hashed, index, size, path, root):
        raise VerificationFailed(f"entry {index} is not in the signed tree of {size} entries")
    return CopyReport(size, root.hex(), index, tuple(p.hex() for p in path))
