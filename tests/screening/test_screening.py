"""Matching, storage, dispositions and re-screening on the small fixture lists."""

from __future__ import annotations

import pytest

from torturefree.errors import InputError
from torturefree.screening.algorithm import DEFAULT_ALGORITHM
from torturefree.screening.dispositions import record_disposition
from torturefree.screening.query import parse_query
from torturefree.screening.rescreen import rescreen, store_subjects
from torturefree.screening.service import import_watchlist, list_watchlists, screen_queries
from torturefree.screening.store import WatchlistStore

from .conftest import FIXTURES


def top(store: WatchlistStore, threshold: float = 0.0, **query: str) -> list[dict]:
    return screen_queries(store, [parse_query(query)], threshold=threshold, limit=3)[0]["matches"]


def test_reordered_name_matches_and_names_the_alias(loaded: WatchlistStore) -> None:
    best = top(loaded, name="ABDULHAI SALEK", schema="Person")[0]
    assert (best["entity_id"], best["matched_name"]) == ("1003", "SALEK, Abdulhai")
    assert best["score"] >= 0.95
    assert {p["query"] for p in best["explanation"]["name"]["aligned"]} == {"abdulhai", "salek"}


def test_common_word_alone_scores_low(loaded: WatchlistStore) -> None:
    assert all(m["score"] < 0.7 for m in top(loaded, name="CORP"))


def test_george_bush_is_not_george_habbash(loaded: WatchlistStore) -> None:
    assert top(loaded, threshold=0.7, name="George Bush", schema="Person") == []
    assert (
        top(loaded, threshold=0.7, name="George Habash", schema="Person")[0]["entity_id"] == "1001"
    )


def test_different_distinctive_word_is_a_conflict(loaded: WatchlistStore) -> None:
    medical = top(loaded, name="Acme Medical Products Ltd")[0]
    assert medical["score"] < 0.7
    assert medical["explanation"]["name"]["rule"] == "aligned_with_conflict"
    assert top(loaded, name="Acme Security Products Limited")[0]["score"] == 1.0


def test_abbreviations_match_organisations(loaded: WatchlistStore) -> None:
    best = top(loaded, name="Global Comm Grp")[0]
    assert best["entity_id"] == "1004" and best["score"] >= 0.7
    hows = {p["how"] for p in best["explanation"]["name"]["aligned"]}
    assert "abbreviation" in hows


def test_cyrillic_and_arabic_scripts_meet_latin(loaded: WatchlistStore) -> None:
    assert top(loaded, threshold=0.7, name="Ivan Petrov")[0]["entity_id"] == "KPi.999"
    assert top(loaded, threshold=0.7, name="عبد القدير بصير")[0]["entity_id"] == "TAi.128"


def test_birth_date_raises_and_lowers(loaded: WatchlistStore) -> None:
    same = top(loaded, name="Abdulhai Salek", birth_date="1965")[0]
    other = top(loaded, name="Abdulhai Salek", birth_date="1990-01-01")[0]
    assert same["score"] > other["score"]
    assert other["explanation"]["features"][0]["outcome"] == "mismatch"


def test_persons_never_match_vessels(loaded: WatchlistStore) -> None:
    assert all(m["entity_id"] != "1005" for m in top(loaded, name="Sea Star", schema="Person"))
    assert top(loaded, name="Sea Star", schema="Vessel")[0]["entity_id"] == "1005"


def test_delisted_entries_are_not_screened(loaded: WatchlistStore) -> None:
    assert all(m["entity_id"] != "tt-002" for m in top(loaded, name="Viktor Kasparov"))
    assert top(loaded, threshold=0.7, name="Shock Baton Exports")[0]["entity_id"] == "tt-001"


def test_results_record_data_and_algorithm_versions(loaded: WatchlistStore) -> None:
    result = screen_queries(loaded, [parse_query({"name": "IVAN PETROV"})], ["un"])[0]
    assert result["algorithm"] == DEFAULT_ALGORITHM == "name_v3"
    assert result["algorithm_config"]["particle_factor"] == 0.3
    assert result["data_versions"][0].startswith("un@1#")


def test_name_v1_stays_selectable(loaded: WatchlistStore) -> None:
    query = parse_query({"name": "ABDULHAI SALEK", "schema": "Person"})
    old = screen_queries(loaded, [query], threshold=0.0, limit=1, algorithm="name_v1")[0]
    assert old["algorithm"] == "name_v1" and "particle_factor" not in old["algorithm_config"]
    assert old["matches"][0]["explanation"]["algorithm"] == "name_v1"


@pytest.mark.parametrize("name", ["", "   ", "x" * 10_000, "!!!"])
def test_absurd_queries_are_refused(name: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_query({"name": name})
    assert caught.value.field == "name"


def test_reimport_is_idempotent_and_versioned(store: WatchlistStore) -> None:
    first = import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v1")
    again = import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v1")
    assert again["created"] is False and again["watchlist"]["version"] == 1
    second = import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v2")
    assert first["diff"]["counts"]["added"] == 7
    assert second["diff"]["added"] == ["1006", "1007"]
    assert second["diff"]["removed"] == ["36"]
    assert second["diff"]["changed"] == ["1004"]
    assert [w["version"] for w in list_watchlists(store)] == [2]


def test_malformed_import_keeps_previous_version(store: WatchlistStore) -> None:
    import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v1")
    with pytest.raises(InputError):
        import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_bad")
    assert [v.version for v in store.versions("sdn")] == [1]


def test_false_positive_suppresses_until_entity_changes(store: WatchlistStore) -> None:
    import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v1")
    query = parse_query({"id": "p1", "name": "Global Communications Group"})
    first = screen_queries(store, [query])[0]
    hit = first["matches"][0]
    record_disposition(
        store,
        subject=first["subject_key"],
        watchlist="sdn",
        entity_id=hit["entity_id"],
        status="false_positive",
        actor="officer-1",
        reason="different firm",
        expires_at="2999-01-01",
    )
    after = screen_queries(store, [query])[0]
    assert after["matches"] == [] and after["suppressed"][0]["entity_id"] == "1004"
    import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v2")
    changed = screen_queries(store, [query])[0]
    assert changed["matches"][0]["entity_id"] == "1004"
    assert changed["matches"][0]["disposition"]["entity_changed"] is True


def test_disposition_needs_who_why_and_expiry(loaded: WatchlistStore) -> None:
    with pytest.raises(InputError) as caught:
        record_disposition(
            loaded,
            subject="s",
            watchlist="sdn",
            entity_id="1004",
            status="false_positive",
            actor="a",
            reason="r",
        )
    assert caught.value.field == "expires_at"
    with pytest.raises(InputError):
        record_disposition(
            loaded,
            subject="s",
            watchlist="sdn",
            entity_id="1004",
            status="true_match",
            actor=" ",
            reason="r",
        )


def test_expired_false_positive_no_longer_suppresses(store: WatchlistStore) -> None:
    import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v1")
    query = parse_query({"name": "Global Communications Group"})
    key = screen_queries(store, [query])[0]["subject_key"]
    record_disposition(
        store,
        subject=key,
        watchlist="sdn",
        entity_id="1004",
        status="false_positive",
        actor="o",
        reason="r",
        expires_at="2000-01-01",
    )
    assert screen_queries(store, [query])[0]["matches"][0]["entity_id"] == "1004"


def test_rescreen_reports_only_new_changed_and_dropped(store: WatchlistStore) -> None:
    import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v1")
    store_subjects(
        store,
        [
            parse_query(q)
            for q in (
                {"id": "a", "name": "Ivan Petrov", "schema": "Person"},
                {"id": "b", "name": "Aerocaribbean Airlines"},
                {"id": "c", "name": "Banco Nacional de Cuba"},
                {"id": "d", "name": "Global Communications Group"},
            )
        ],
    )
    import_watchlist(store, "ofac-sdn", "sdn", FIXTURES / "ofac_v2")
    report = rescreen(store, "sdn")
    by_id = {r["id"]: r for r in report["results"]}
    assert by_id["a"]["new"][0]["entity_id"] == "1006"
    assert by_id["b"]["dropped"][0]["entity_id"] == "36"
    assert by_id["d"]["changed"][0]["entity_id"] == "1004"
    assert "c" not in by_id
