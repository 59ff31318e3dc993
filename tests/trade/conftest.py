"""Trade fixtures: a home folder with the fixture files imported, and the DuckDB engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from torturefree.trade import Engine, TradeStore, open_engine

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def store(tmp_path: Path) -> TradeStore:
    return TradeStore(tmp_path)


@pytest.fixture
def loaded(store: TradeStore) -> TradeStore:
    store.import_file(FIXTURES / "comtrade-bulk.csv", "comtrade")
    store.import_file(FIXTURES / "comtrade-api.json", "comtrade")
    store.import_file(FIXTURES / "comext-cn8.csv", "comext")
    return store


@pytest.fixture
def duck() -> Iterator[Engine]:
    engine = open_engine("duckdb")
    yield engine
    engine.close()
