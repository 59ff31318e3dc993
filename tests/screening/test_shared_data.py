"""The real lists in shared/data: import, the 2019→2021 SDN change, and the known failure modes."""

from __future__ import annotations

from pathlib import Path

import pytest

from torturefree.screening.query import parse_query
from torturefree.screening.service import import_watchlist, screen_queries
from torturefree.screening.store import WatchlistStore

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def real(
    tmp_path_factory: pytest.TempPathFactory, screening_shared_data: Path
) -> tuple[WatchlistStore, dict]:
    store = WatchlistStore(tmp_path_factory.mktemp("home"))
    lists = screening_shared_data / "watchlists"
    import_watchlist(store, "ofac-sdn", "sdn", lists / "ofac_sdn_2019")
    change = import_watchlist(store, "ofac-sdn", "sdn", lists / "ofac_sdn_2021")
    import_watchlist(store, "un-xml", "un", lists / "un_consolidated_2026-02-27.xml")
    import_watchlist(store, "bis-dpl", "bis", lists / "bis_dpl_2022.txt")
    import_watchlist(store, "csl-csv", "csl", lists / "trade_csl_sample_2019.csv")
    return store, change


def best(store: WatchlistStore, **query: str) -> dict | None:
    matches = screen_queries(store, [parse_query(query)], ["sdn"], threshold=0.0, limit=1)[0][
        "matches"
    ]
    return matches[0] if matches else None


def test_sdn_2019_to_2021_is_a_real_change(real: tuple[WatchlistStore, dict]) -> None:
    _, change = real
    assert change["watchlist"]["version"] == 2 and change["watchlist"]["entity_count"] == 8976
    counts = change["diff"]["counts"]
    assert counts["added"] > 1000 and counts["removed"] > 0 and counts["changed"] > 0


def test_known_failure_modes_on_the_real_sdn(real: tuple[WatchlistStore, dict]) -> None:
    store, _ = real
    for common in ("CORP", "TRADING", "INTERNATIONAL"):
        hit = best(store, name=common)
        assert hit is None or hit["score"] < 0.7, (common, hit)
    bush = best(store, name="George Bush", schema="Person")
    assert bush is None or bush["score"] < 0.5
    assert best(store, name="Almaz Antey Telecom")["matched_name"].startswith("ALMAZ-ANTEY")
    assert best(store, name="IRISL")["score"] == 1.0


def test_un_original_script_alias_matches(real: tuple[WatchlistStore, dict]) -> None:
    store, _ = real
    result = screen_queries(store, [parse_query({"name": "ABDULHAI SALEK"})], ["un"], limit=1)[0]
    assert result["matches"] and result["matches"][0]["score"] >= 0.9
