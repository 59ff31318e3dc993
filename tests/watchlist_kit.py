"""A watchlist store of a test's own, one FtM file per version (service and page tests)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from torturefree.screening.service import import_watchlist
from torturefree.screening.store import WatchlistStore


def versioned_watchlist(home: Path, name: str) -> Callable[..., None]:
    """A function importing its entities as the next version of watchlist `name` under `home`."""
    store = WatchlistStore(home)

    def version(*entities: dict[str, Any]) -> None:
        path = home / f"v{len(store.versions(name)) + 1}.jsonl"
        path.write_text("\n".join(json.dumps(e) for e in entities) + "\n")
        import_watchlist(store, "ftm", name, path)

    return version
