"""The goods checker through the API (#20): an open classification says what it needs to know."""

from __future__ import annotations

from typing import Any

CHAIN = {"description": "handcuffs with chain"}
ANSWERED = {
    "overall_length_locked": {"value": 250, "unit": "mm"},
    "inside_circumference_last_notch": {"value": 16, "unit": "cm"},
    "inside_circumference_first_notch": {"value": 210, "unit": "mm"},
}


def test_handcuffs_with_chain_are_asked_about_not_assumed(world: dict[str, Any]) -> None:
    answer = world["api"]["trader"].post("/classifications", CHAIN)
    assert answer.status_code == 200
    record = answer.json()
    assert record["controlled"] is None and record["algorithm"] == "goods_v3"
    more = record["need_to_know_more"]
    asked = {q["parameter"] for q in more["questions"]}
    assert {"overall_length_locked", "inside_circumference_last_notch"} <= asked
    assert set(more["answer_with"]["parameters"]) == asked
    assert more["answer_with"]["parameters"]["overall_length_locked"]["unit"] == "mm"


def test_the_answers_sent_back_decide(world: dict[str, Any]) -> None:
    body = {**CHAIN, "parameters": ANSWERED}
    record = world["api"]["trader"].post("/classifications", body).json()
    assert record["controlled"] is False and record["need_to_know_more"] is None


def test_the_assuming_version_can_still_be_asked_for(world: dict[str, Any]) -> None:
    api = world["api"]["trader"]
    record = api.post("/classifications", {**CHAIN, "algorithm": "goods_v1"}).json()
    assert record["algorithm"] == "goods_v1" and record["need_to_know_more"] is None
    wrong = api.post("/classifications", {**CHAIN, "algorithm": "goods_v9"})
    assert wrong.status_code == 400 and wrong.json()["error"]["field"] == "algorithm"


def test_the_openapi_description_names_the_field(world: dict[str, Any]) -> None:
    schema = world["api"]["trader"].get("/openapi.json").json()
    described = schema["paths"]["/api/v1/classifications"]["post"]["description"]
    assert "need_to_know_more" in described and "answer_with" in described
