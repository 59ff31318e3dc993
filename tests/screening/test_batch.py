"""A batch never dies on one record: per-record statuses, and what still refuses a whole batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from torturefree.cli import screening_cmd
from torturefree.errors import InputError
from torturefree.screening.batch import (
    NotScreened,
    read_batch,
    screen_batch,
    summary,
    summary_text,
)
from torturefree.screening.query import Query
from torturefree.screening.scripts import unread_scripts
from torturefree.screening.store import WatchlistStore

from .conftest import FIXTURES

app = typer.Typer()
screening_cmd.register(app)
runner = CliRunner()

MIXED = "\n".join(
    [
        '{"id": "a", "name": "SALEK, ABDULHAI", "schema": "Person"}',
        '{"id": "k", "name": "ហ៊ុន សែន", "schema": "Person"}',
        "{not json",
        '{"id": "c", "name": "Acme", "country": "Iran"}',
        '{"id": "e", "name": "  "}',
        "[1, 2]",
        '{"id": "m", "name": "Hun Sen ហ៊ុន សែន"}',
    ]
)


def test_scripts_the_normaliser_cannot_read_are_named() -> None:
    assert unread_scripts("ហ៊ុន សែន") == ("Khmer",)
    assert unread_scripts("Hun Sen ཀུན") == ("Tibetan",)
    assert unread_scripts("محمد Шевченко 金正恩 김정은 ไทย") == ()
    # ʿayn and hamza romanise to ʿ and ʾ, which ASCII drops as Latin spellings do: read, not unread.
    assert unread_scripts("عبد العزيز علاء") == ()
    assert unread_scripts("ؠ") == ("Arabic",)  # Kashmiri yeh: no reading at all


def test_each_bad_record_gets_its_own_status_and_reason() -> None:
    records = dict(read_batch(MIXED, "<stdin>"))
    assert isinstance(records[1], Query) and isinstance(records[7], Query)
    khmer, bad_json, country, empty, array = (records[n] for n in (2, 3, 4, 5, 6))
    assert isinstance(khmer, NotScreened) and "Khmer" in khmer.reason and khmer.id == "k"
    assert isinstance(bad_json, NotScreened) and bad_json.reason.startswith("not JSON")
    assert isinstance(country, NotScreened) and country.field == "country"
    assert isinstance(empty, NotScreened) and empty.reason == "is empty"
    assert isinstance(array, NotScreened) and "object" in array.reason


@pytest.mark.parametrize("text", ["", "   \n", "hello\nworld\n", "[1, 2"])
def test_input_that_is_not_a_batch_at_all_is_refused_whole(text: str) -> None:
    with pytest.raises(InputError):
        read_batch(text, "<stdin>")


def test_screen_batch_answers_every_record_in_order(loaded: WatchlistStore) -> None:
    results = screen_batch(loaded, read_batch(MIXED, "<stdin>"), threshold=0.7)
    assert [r["status"] for r in results] == [
        "screened",
        "not_screened",
        "not_screened",
        "not_screened",
        "not_screened",
        "not_screened",
        "screened",
    ]
    assert [r.get("line") for r in results] == [1, 2, 3, 4, 5, 6, 7]
    assert results[0]["matches"], "the good record is still screened"
    assert results[6]["unread_scripts"] == ["Khmer"]
    assert summary(results) == {"screened": 2, "not_screened": 5}


@pytest.fixture
def home(tmp_path: Path) -> list[str]:
    """--home of a state holding the OFAC fixture list."""
    args = ["--home", str(tmp_path)]
    imported = runner.invoke(
        app,
        [
            "watchlist",
            "import",
            "--format",
            "ofac-sdn",
            "--name",
            "sdn",
            str(FIXTURES / "ofac_v1"),
            *args,
        ],
    )
    assert imported.exit_code == 0, imported.output
    return args


def test_cli_screens_the_rest_and_counts_on_stderr(home: list[str]) -> None:
    result = runner.invoke(app, ["screen", "-", *home], input=MIXED)
    assert result.exit_code == 3
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 7 and lines[1]["status"] == "not_screened"
    assert "screened 2, not screened 5" in result.stderr


def test_cli_all_screened_exits_0(home: list[str]) -> None:
    result = runner.invoke(app, ["screen", "-", *home], input='{"name": "SALEK, ABDULHAI"}\n')
    assert result.exit_code == 0
    assert json.loads(result.stdout)["status"] == "screened"
    assert "screened 1, not screened 0" in result.stderr


EVERY_KIND = "\n".join(
    [
        '{"id": "ok", "name": "SALEK, ABDULHAI", "schema": "Person"}',
        '{"id": "sym", "name": "*** !!!"}',
        '{"id": "lao", "name": "ລາວ ສີ"}',
        '{"id": "long", "name": "' + "a" * 301 + '"}',
        '{"id": "words", "name": "' + " ".join(["ab"] * 16) + '"}',
    ]
)


def test_every_kind_of_failure_is_answered_and_named_in_the_exit_summary(
    home: list[str],
) -> None:
    result = runner.invoke(app, ["screen", "-", *home], input=EVERY_KIND)
    assert result.exit_code == 3
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in lines] == ["screened"] + ["not_screened"] * 4
    reasons = {r["id"]: r["reason"] for r in lines[1:]}
    assert reasons["sym"] == "holds no letters or digits to match on"
    assert "Lao script" in reasons["lao"]
    assert "301 characters" in reasons["long"] and "words" in reasons["words"]
    summary_lines = result.stderr.strip().splitlines()
    assert summary_lines[0] == "screened 1, not screened 4"
    assert "name: holds no letters or digits to match on (line 2)" in result.stderr
    assert "Lao script" in result.stderr and "(line 3)" in result.stderr
    assert "301 characters" in result.stderr and "(line 4)" in result.stderr


def test_the_summary_groups_lines_by_reason_and_shortens_long_lists() -> None:
    records = read_batch("\n".join(['{"name": "***"}'] * 7), "<stdin>")
    results = [r.to_dict() for _, r in records if isinstance(r, NotScreened)]
    assert summary_text(results, shown=3).splitlines() == [
        "screened 0, not screened 7",
        "  name: holds no letters or digits to match on (lines 1, 2, 3 and 4 more)",
    ]
