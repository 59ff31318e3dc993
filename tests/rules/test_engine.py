"""The engine's answer: contract shape, facts in reasons, re-runnable to the same result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.lists import load_catalogue
from torturefree.rules import ENGINE_VERSION, Engine

ANNEX_V = {
    "jurisdiction": "EU",
    "date": "2024-06-06",
    "activity": "export",
    "origin": "DK",
    "destination": "AR",
    "goods": [{"entry": "eu-2019-125/pentobarbital", "quantity": 10, "unit": "kg"}],
}


def test_the_answer_has_the_contract_fields() -> None:
    answer = Engine().determine(ANNEX_V).to_dict()
    assert {
        "outcome",
        "jurisdiction",
        "date",
        "activity",
        "goods",
        "reasons",
        "data_release",
        "engine_version",
    } <= set(answer)
    entry = answer["goods"][0]["entries"][0]
    assert {"id", "instrument", "annex", "item", "category", "title"} <= set(entry)
    assert (entry["instrument"], entry["annex"], entry["category"]) == (
        "EU 2019/125",
        "IV",
        "death_penalty_capable",
    )
    reason = answer["goods"][0]["reasons"][0]
    assert {"rule", "citation", "detail"} <= set(reason)


def test_reasons_show_the_facts_their_conditions_used() -> None:
    reason = Engine().determine(ANNEX_V).goods[0].reasons[0]
    assert reason.rule == "eu.annex-iv.export.general-authorisation"
    assert reason.facts["destination"] == "AR"
    assert "AR is an Annex V destination" in reason.detail


def test_the_same_release_gives_the_same_answer_again() -> None:
    first = Engine(load_catalogue()).determine(ANNEX_V).to_dict()
    second = Engine(load_catalogue()).determine(ANNEX_V).to_dict()
    assert first == second
    assert first["data_release"] == load_catalogue().release
    assert first["engine_version"] == ENGINE_VERSION


def test_date_defaults_to_today() -> None:
    engine = Engine(today=lambda: dt.date(2025, 9, 1))
    transaction: dict[str, Any] = {k: v for k, v in ANNEX_V.items() if k != "date"}
    assert engine.determine(transaction).date == dt.date(2025, 9, 1)


def test_every_table_of_the_eu_rules_is_reachable_by_some_annex_and_activity() -> None:
    engine = Engine()
    rules = engine.rulebook.rules["eu-2019-125"]
    annexes = {"II", "III", "IV"}
    for table in rules.tables:
        assert set(table.match.annex) <= annexes, table.id
    covered = {(a, act) for t in rules.tables for a in t.match.annex for act in t.match.activity}
    from torturefree.vocabulary import Activity

    missing = {(a, act.value) for a in annexes for act in Activity} - {
        (a, act.value) for a, act in covered
    }
    assert not missing, f"no EU table decides {sorted(missing)}"
