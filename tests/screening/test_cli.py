"""The contract commands: watchlist import/list and screen, exit codes 0/2."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from torturefree.cli import screening_cmd

from .conftest import FIXTURES

app = typer.Typer()
screening_cmd.register(app)
runner = CliRunner()


def test_import_list_and_screen(tmp_path: Path) -> None:
    home = ["--home", str(tmp_path)]
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
            *home,
        ],
    )
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["watchlist"]["entity_count"] == 7
    listed = runner.invoke(app, ["watchlist", "list", *home])
    assert json.loads(listed.stdout)[0]["name"] == "sdn"
    query = '{"id": "q1", "name": "SALEK, ABDULHAI", "schema": "Person"}\n'
    screened = runner.invoke(app, ["screen", "-", "--threshold", "0.7", *home], input=query)
    assert screened.exit_code == 0, screened.output
    result = json.loads(screened.stdout.splitlines()[0])
    assert result["id"] == "q1"
    assert result["matches"][0]["entity_id"] == "1003"
    assert set(result["matches"][0]) >= {
        "watchlist",
        "entity_id",
        "caption",
        "matched_name",
        "score",
        "explanation",
    }


def test_an_oversized_name_is_not_screened_naming_line_and_field(tmp_path: Path) -> None:
    runner.invoke(
        app,
        [
            "watchlist",
            "import",
            "--format",
            "ofac-sdn",
            "--name",
            "sdn",
            str(FIXTURES / "ofac_v1"),
            "--home",
            str(tmp_path),
        ],
    )
    lines = '{"name": "ok name"}\n{"name": "' + "x" * 10_000 + '"}\n'
    result = runner.invoke(app, ["screen", "-", "--home", str(tmp_path)], input=lines)
    # One record over the size limit is answered as not screened; the other is screened.
    assert result.exit_code == 3
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["status"] == "screened"
    assert second["status"] == "not_screened" and second["line"] == 2
    assert second["field"] == "name" and "10000 characters" in second["reason"]


def test_malformed_list_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "watchlist",
            "import",
            "--format",
            "un-xml",
            "--name",
            "un",
            str(FIXTURES / "un_bad.xml"),
            "--home",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2
    assert "un_bad.xml" in result.output and "line 13" in result.output


def test_unknown_country_in_the_torture_list_exits_2_naming_file_line_and_field(
    tmp_path: Path,
) -> None:
    result = runner.invoke(
        app,
        [
            "watchlist",
            "import",
            "--format",
            "torture-csv",
            "--name",
            "torture",
            str(FIXTURES / "torture_bad_country.csv"),
            "--home",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2
    output = " ".join(result.output.split())  # the console wraps long messages
    assert "torture_bad_country.csv, line 3, field 'country'" in output
    assert "'fd' is not an ISO 3166-1 alpha-2 country code" in output
    listed = runner.invoke(app, ["watchlist", "list", "--home", str(tmp_path)])
    assert json.loads(listed.stdout) == []  # nothing written
