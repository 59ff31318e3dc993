"""The records package's one exception hierarchy (bad input stays errors.InputError)."""

from __future__ import annotations

from torturefree.errors import TortureFreeError


class RecordsError(TortureFreeError):
    """Root of every failure raised on purpose by torturefree.records."""


class LedgerBrokenError(RecordsError):
    """The chain does not verify; carries the sequence number of the first broken entry."""

    def __init__(self, seq: int | None, reason: str) -> None:
        self.seq = seq
        self.reason = reason
        where = f"entry {seq}" if seq is not None else "ledger"
        super().__init__(f"ledger broken at {where}: {reason}")


class RetentionError(RecordsError):
    """A deletion was asked for before the retention period ended (CITES Dec. 18.125-18.128)."""


class StoreError(RecordsError):
    """The records store could not be opened or read."""
