"""The API's page of search results (`/register/results.json`) written straight to bytes.

A page holds up to 1,000 proof documents, each with its entry and the signed tree head. The
entry is stored as its leaf text (RFC 8785 JSON, the bytes the leaf hash covers) and the head is
the same for the whole page, so both go into the answer as pre-written JSON (orjson fragments)
instead of being parsed into dicts and written out again once per result: the same document,
byte for byte the leaf the verifier hashes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from torturefree.register.copy import PROOF_FORMAT
from torturefree.register.merkle import inclusion_proofs, leaf_hash
from torturefree_service.hub import logstore


def page_documents(rows: Sequence[tuple[int, str]], head: dict[str, Any]) -> list[dict[str, Any]]:
    """The proof documents of (index, leaf text) rows to `head`, entries and head as fragments
    (the fields and their order of `torturefree.register.copy.proof_document`)."""
    size = head["tree_head"]["tree_size"]
    rows = [r for r in rows if r[0] < size]
    paths = inclusion_proofs(logstore.db_nodes_chunked, [index for index, _ in rows], size)
    written_head = orjson.Fragment(orjson.dumps(head))
    out = []
    for (index, text), path in zip(rows, paths, strict=True):
        leaf = text.encode("utf-8")
        out.append(
            {
                "format": PROOF_FORMAT,
                "index": index,
                "entry": orjson.Fragment(leaf),
                "leaf_hash": leaf_hash(leaf).hex(),
                "tree_size": size,
                "audit_path": [p.hex() for p in path],
                "tree_head": written_head,
            }
        )
    return out


def page_bytes(
    head: dict[str, Any], documents: list[dict[str, Any]], next_page: str | None
) -> bytes:
    return orjson.dumps({"tree_head": head, "entries": documents, "next": next_page})
