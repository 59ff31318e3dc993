"""Fixtures for screening tests: a fresh state home, the small fixture lists, the shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from torturefree.screening.service import import_watchlist
from torturefree.screening.store import WatchlistStore
from torturefree.screening.targets import Target

FIXTURES = Path(__file__).parent / "fixtures"


def listed(entity_id: str, names: list[str], schema: str) -> Target:
    """A watchlist entity with names only (no dates, countries or identifiers)."""
    return Target(
        watchlist="t",
        entity_id=entity_id,
        schema=schema,
        caption=names[0],
        names=tuple((n, False) for n in names),
        birth_dates=(),
        countries=frozenset(),
        identifiers=frozenset(),
        entity_hash=entity_id,
    )


@pytest.fixture
def store(tmp_path: Path) -> WatchlistStore:
    return WatchlistStore(tmp_path)


@pytest.fixture
def loaded(store: WatchlistStore) -> WatchlistStore:
    """A store holding the OFAC v1, UN and torture-list fixtures."""
    import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v1")
    import_watchlist(store, "un-xml", "un", FIXTURES / "un_small.xml")
    import_watchlist(store, "torture-csv", "torture", FIXTURES / "torture_list.csv")
    return store


@pytest.fixture(scope="session")
def screening_shared_data() -> Path:
    """The real public files: $TORTUREFREE_SHARED_DATA or <repo>/../shared/data; skip when absent."""
    default = Path(__file__).resolve().parents[3] / "shared" / "data"
    root = Path(os.environ.get("TORTUREFREE_SHARED_DATA", default))
    if not (root / "watchlists").is_dir():
        pytest.skip(f"shared data not found at {root}")
    return root
