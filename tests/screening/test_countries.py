"""¶109 country listings: a party in a listed country is flagged with the listing, never cleared."""

from __future__ import annotations

from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.screening.query import parse_query
from torturefree.screening.service import import_watchlist, screen_queries
from torturefree.screening.store import WatchlistStore

from .conftest import FIXTURES

HEADER = "id,type,name,country,listing_reason,source,listed_on,review_date,status,delisted_on\n"


def store_with(tmp_path: Path, rows: str) -> WatchlistStore:
    source = tmp_path / "torture.csv"
    source.write_text(HEADER + rows, encoding="utf-8")
    store = WatchlistStore(tmp_path / "home")
    import_watchlist(store, "torture-csv", "torture", source)
    return store


def screen(store: WatchlistStore, country: str | None) -> dict[str, object]:
    party = {"id": "p1", "name": "Harbour Police Supplies", "schema": "Company"}
    if country:
        party["country"] = country
    return screen_queries(store, [parse_query(party)])[0]


def test_a_party_in_a_listed_country_is_flagged_with_the_listing(tmp_path: Path) -> None:
    store = store_with(
        tmp_path,
        "c-1,country,Testland,aq,Documented exports of thumb-cuffs,Seed ¶109 dossier,"
        "2024-01-01,2025-01-01,listed,\n",
    )
    result = screen(store, "AQ")
    [flag] = result["country_listings"]  # type: ignore[misc]
    assert flag["entity_id"] == "c-1" and flag["watchlist"] == "torture"
    assert flag["reason"] == "Documented exports of thumb-cuffs"
    assert flag["source"] == "Seed ¶109 dossier" and flag["listed_on"] == "2024-01-01"
    assert result["matches"] == []  # the country is a flag, not a name match


def test_other_countries_and_parties_without_a_country_are_not_flagged(tmp_path: Path) -> None:
    store = store_with(tmp_path, "c-1,country,Testland,aq,Reason,Source,2024-01-01,,listed,\n")
    assert screen(store, "BR")["country_listings"] == []
    assert screen(store, None)["country_listings"] == []


def test_a_delisted_country_flags_nobody(tmp_path: Path) -> None:
    store = store_with(
        tmp_path, "c-2,country,Otherland,bv,Reason,Source,2023-01-01,,delisted,2024-06-30\n"
    )
    assert screen(store, "BV")["country_listings"] == []


def test_the_fixture_list_flags_parties_in_its_listed_country(loaded: WatchlistStore) -> None:
    [flag] = screen(loaded, "AQ")["country_listings"]  # type: ignore[misc]
    assert (flag["watchlist"], flag["entity_id"], flag["caption"]) == (
        "torture",
        "tt-003",
        "Antarctica",
    )


def test_a_refused_country_keeps_the_previous_version(tmp_path: Path) -> None:
    store = store_with(tmp_path, "c-1,country,Testland,aq,Reason,Source,2024-01-01,,listed,\n")
    with pytest.raises(InputError) as caught:
        import_watchlist(store, "torture-csv", "torture", FIXTURES / "torture_bad_country.csv")
    assert (caught.value.line, caught.value.field) == (3, "country")
    assert [v.version for v in store.versions("torture")] == [1]
    [flag] = screen(store, "AQ")["country_listings"]  # type: ignore[misc]
    assert flag["entity_id"] == "c-1"  # still screened against the version before the refusal
