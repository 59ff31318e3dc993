"""Records: the hash-chained ledger of everything that happened, line-level truth and reports."""

from torturefree.records.chain import Checkpoint, VerifyResult
from torturefree.records.errors import LedgerBrokenError, RecordsError, RetentionError, StoreError
from torturefree.records.events import Entry, EventType
from torturefree.records.ledger import Ledger, NewEvent
from torturefree.records.retention import RetentionPolicy
from torturefree.records.store import Records, Store

__all__ = [
    "Checkpoint",
    "Entry",
    "EventType",
    "Ledger",
    "LedgerBrokenError",
    "NewEvent",
    "Records",
    "RecordsError",
    "RetentionError",
    "RetentionPolicy",
    "Store",
    "StoreError",
    "VerifyResult",
]
