"""Bad transactions are refused with the field named; the CLI exits 2 and prints nothing half-done."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from torturefree.errors import InputError
from torturefree.rules import Engine

GOOD: dict[str, Any] = {
    "jurisdiction": "EU",
    "date": "2025-09-01",
    "activity": "export",
    "origin": "DE",
    "destination": "BR",
    "goods": [{"entry": "eu-2019-125/thumb-cuffs"}],
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def changed(**fields: Any) -> dict[str, Any]:
    data = dict(GOOD, **fields)
    return {k: v for k, v in data.items() if v is not ...}


@pytest.mark.parametrize(
    ("transaction", "field", "words"),
    [
        (changed(activity=...), "activity", "required field is missing"),
        (changed(jurisdiction=...), "jurisdiction", "required field is missing"),
        (changed(colour="red"), "colour", "unknown field"),
        (changed(destination="XQ"), "destination", "unknown country code 'XQ'"),
        (changed(destination="Brazil"), "destination", "not an ISO 3166-1 alpha-2"),
        (changed(transit_countries=["NL", "ZZ"]), "transit_countries[1]", "unknown country"),
        (changed(date="2019-01-01"), "date", "before the oldest list"),
        (changed(date="2025-02-30"), "date", "date"),
        (changed(goods=[]), "goods", "at least one goods item"),
        (changed(goods=[{"quantity": 3}]), "goods[0]", "entry, cas, hs_code or description"),
        (changed(goods=[{"entry": "eu-2019-125/no-such"}]), "goods[0].entry", "unknown entry id"),
        (changed(goods=[{"cas": "2444-46-5"}]), "goods[0].cas", "check digit"),
        (changed(goods=[{"hs_code": "73A6"}]), "goods[0].hs_code", "not a CN/HS code"),
        (changed(activity="smuggling"), "activity", "Input should be"),
        (changed(jurisdiction="Atlantis"), "jurisdiction", "unknown jurisdiction"),
        (changed(knowledge=["malice"]), "knowledge[0]", "Input should be"),
        (changed(end_user={"country": "XQ"}), "end_user.country", "unknown country"),
    ],
)
def test_bad_transactions_name_the_field(
    engine: Engine, transaction: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(InputError) as error:
        engine.determine(transaction)
    assert error.value.field == field
    assert words in error.value.reason


def run_cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "torturefree.cli.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_answers_one_object_with_json() -> None:
    result = run_cli("determine", "-", stdin=json.dumps(GOOD))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["outcome"] == "prohibited"
    assert answer["data_release"].startswith("sha256:")
    assert answer["engine_version"] == "rules_v1"


def test_cli_answers_json_lines_in_order() -> None:
    lines = [dict(GOOD, id="a"), dict(GOOD, id="b", destination="FR")]
    result = run_cli("determine", stdin="\n".join(json.dumps(x) for x in lines))
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["id"], a["outcome"]) for a in answers] == [
        ("a", "prohibited"),
        ("b", "not_controlled"),
    ]


def test_cli_bad_line_exits_2_names_the_line_and_prints_nothing() -> None:
    lines = [json.dumps(GOOD), json.dumps(GOOD), json.dumps(dict(GOOD, destination="XQ"))]
    result = run_cli("determine", "-", stdin="\n".join(lines))
    assert result.returncode == 2
    assert "line 3" in result.stderr and "destination" in result.stderr
    assert result.stdout == ""


def test_cli_unparseable_line_exits_2() -> None:
    result = run_cli("determine", "-", stdin=json.dumps(GOOD) + "\n{not json\n")
    assert result.returncode == 2
    assert "line 2" in result.stderr


def test_cli_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_cli("determine", str(tmp_path / "nope.json"), stdin="")
    assert result.returncode == 2
    assert "no such file" in result.stderr
