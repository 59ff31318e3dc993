"""Legal scenarios written as YAML by analysts (style.md §6): inputs, expected outcome and citation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from torturefree.rules import Engine

SCENARIOS = Path(__file__).parent / "scenarios"


def _load() -> list[Any]:
    cases = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.mark.parametrize("case", _load())
def test_scenario(case: dict[str, Any], engine: Engine) -> None:
    result = engine.determine(case["transaction"]).to_dict()
    expect = case["expect"]
    assert result["outcome"] == expect["outcome"], _why(result)
    reasons = [r for g in result["goods"] for r in g["reasons"]]
    if "citation" in expect:
        assert any(expect["citation"] in r["citation"] for r in reasons), _why(result)
    if "rule" in expect:
        assert any(r["rule"] == expect["rule"] for r in reasons), _why(result)
    if "goods" in expect:
        assert [g["outcome"] for g in result["goods"]] == expect["goods"], _why(result)
    if "entries" in expect:
        found = {e["id"] for g in result["goods"] for e in g["entries"]}
        assert set(expect["entries"]) <= found, _why(result)
    if "item" in expect:
        assert any(e["item"] == expect["item"] for g in result["goods"] for e in g["entries"]), (
            _why(result)
        )
    if expect.get("non_binding"):
        assert reasons and all(r.get("binding") is False for r in reasons)


def _why(result: dict[str, Any]) -> str:
    return "\n".join(
        f"goods[{g['index']}] {g['outcome']}: "
        + "; ".join(f"{r['rule']} ({r['citation']})" for r in g["reasons"])
        for g in result["goods"]
    )


def test_there_are_at_least_eighty_scenarios() -> None:
    assert len(_load()) >= 80
