"""The ledger the service appends to: TORTUREFREE_LEDGER_URL, else Django's own database."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.db import connection

from torturefree.records import Ledger, Store

_lock = threading.Lock()
_ledgers: dict[str, Ledger] = {}
_stores: dict[str, Store] = {}


def ledger_target() -> str:
    """A URL or path the records backend opens; the same database as Django by default."""
    override = getattr(settings, "TORTUREFREE_LEDGER_URL", None)
    if override:
        return str(override)
    db = connection.settings_dict
    if db["ENGINE"].endswith("postgresql"):
        auth = db["USER"] or ""
        if db.get("PASSWORD"):
            auth += f":{db['PASSWORD']}"
        host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        return f"postgresql://{auth}@{host}/{db['NAME']}"
    name = str(db["NAME"])
    if "memory" in name:
        raise RuntimeError("an in-memory database has no ledger: set TORTUREFREE_LEDGER_URL")
    return str(Path(name))


def get_ledger() -> Ledger:
    """One open ledger per target per process."""
    target = ledger_target()
    with _lock:
        ledger = _ledgers.get(target)
        if ledger is None:
            ledger = _ledgers[target] = Ledger.open(target)
        return ledger


def get_store() -> Store:
    """The line-level store next to the ledger (one per target per process)."""
    target = ledger_target()
    with _lock:
        store = _stores.get(target)
        if store is None:
            store = _stores[target] = Store.open(target)
        return store


def close_ledgers() -> None:
    """Close the ledgers' and stores' own connections (before a test database is dropped)."""
    with _lock:
        for ledger in _ledgers.values():
            ledger.close()
        _ledgers.clear()
        for store in _stores.values():
            store.close()
        _stores.clear()
