"""Country rules pages and their JSON on a real hub: generated from data/ per participant."""

from __future__ import annotations

import json
from typing import Any

from .hubkit import Hub


def _json(hub: Hub, path: str) -> tuple[int, Any]:
    status, raw = hub.get(path)
    return status, json.loads(raw)


def test_the_index_lists_the_states_with_their_names(hub: Hub) -> None:
    status, raw = hub.get("/countries/")
    page = raw.decode()
    assert status == 200
    assert "France (FR)" in page and "Kenya (KE)" in page and "(HUB)" not in page
    assert 'action="/countries/compare"' in page


def test_a_state_page_prints_its_law_with_citations_and_where_to_apply(hub: Hub) -> None:
    status, raw = hub.get("/countries/FR")
    page = raw.decode()
    assert status == 200
    assert "Country rules: France" in page
    assert "FR authority" in page and "Bureau des biens sensibles" in page
    assert "http://127.0.0.1:" in page and "/fr</a>" in page
    assert "Regulation (EU) 2019/125, Article 3(2) and Article 20(2)" in page
    assert "No national measures are recorded in the data for this state." in page
    assert "Controlled under this state" in page and "has not opted into" not in page


def test_the_json_twin_has_the_profile_the_death_penalty_opt_in_and_rules(hub: Hub) -> None:
    status, ke = _json(hub, "/countries/KE.json?on=2026-01-15")
    assert status == 200
    assert ke["profile_id"] == "UN-A+DP" and ke["annexes_opted_in"] == ["death_penalty"]
    assert ke["date"] == "2026-01-15" and ke["death_penalty_covered"] is True
    titles = {r["citation"]["title"] for r in ke["applications"]}
    assert titles and all(t.startswith("GGE report") for t in titles)
    capable = next(c for c in ke["categories"] if c["category"] == "torture_capable")
    assert capable["activities"]["brokering"] == ["not_controlled"]


def test_two_states_compared_side_by_side(hub: Hub) -> None:
    status, both = _json(hub, "/countries/compare.json?a=FR&b=KE")
    assert status == 200
    assert both["a"]["state"] == "FR" and both["b"]["state"] == "KE"
    brokering = [
        d
        for d in both["differences"]
        if (d["category"], d["activity"]) == ("torture_capable", "brokering")
    ]
    assert brokering == [
        {
            "category": "torture_capable",
            "activity": "brokering",
            "a": ["prohibited", "licence_required"],
            "b": ["not_controlled"],
        }
    ]
    status, raw = hub.get("/countries/compare?a=FR&b=KE")
    page = raw.decode()
    assert status == 200 and "France and Kenya compared" in page and "differs" in page


def test_bad_queries_name_the_field(hub: Hub) -> None:
    assert _json(hub, "/countries/compare.json?a=FR")[1]["field"] == "b"
    status, answer = _json(hub, "/countries/compare.json?a=ZZ&b=KE")
    assert status == 400 and answer["field"] == "a" and "ZZ" in answer["error"]
    status, answer = _json(hub, "/countries/FR.json?on=2026-13-01")
    assert status == 400 and answer["field"] == "on"
    assert hub.get("/countries/ZZ")[0] == 404
    assert hub.get("/countries/HUB")[0] == 404


def test_the_country_pages_speak_french(hub: Hub) -> None:
    status, raw = hub.get("/countries/FR", language="fr")
    page = raw.decode()
    assert status == 200
    assert "Règles du pays : France" in page and "Où déposer la demande" in page
