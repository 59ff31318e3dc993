"""The hub's register of authorised traders as an append-only transparency log (RFC 9162 Merkle tree)."""
