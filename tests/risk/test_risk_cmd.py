from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from torturefree.cli import risk_cmd

FIX = Path(__file__).parent / "fixtures"
REPO_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    """The commands over a temporary data tree: the repository's risk data plus the fixture law."""
    data = tmp_path / "data"
    for part in ("countries", "evidence"):
        shutil.copytree(REPO_DATA / part, data / part)
    for part in ("instruments", "lists", "destinations"):
        shutil.copytree(FIX / "law" / part, data / part)
    monkeypatch.setenv("TORTUREFREE_DATA", str(data))
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path / "home"))
    application = typer.Typer()
    risk_cmd.register(application)
    return application


def test_import_then_country_json(app: typer.Typer) -> None:
    runner = CliRunner()
    imported = runner.invoke(app, ["evidence", "import-country-facts", str(FIX / "evidence")])
    assert imported.exit_code == 0, imported.output
    assert {r["dataset"] for r in json.loads(imported.stdout)} == {
        "amnesty-death-penalty",
        "un-treaty-ratification",
        "pts",
        "cirights",
    }
    added = runner.invoke(app, ["evidence", "import", str(FIX / "evidence_items.csv")])
    assert json.loads(added.stdout)["added"] == 3
    result = runner.invoke(app, ["risk", "country", "GM", "--date", "2023-06-01"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["country"] == "GM" and body["date"] == "2023-06-01"
    assert body["death_penalty_status"] == "retentionist"
    assert body["general_authorisation_destination"] is True
    # The imported extract wins over the shipped one as a whole: the fixture has no CPED file.
    assert body["ratifications"] == {"CAT": True, "OPCAT": False, "ICCPR-OP2": True, "CPED": None}
    assert {"kind", "date", "citation"} <= set(body["evidence"][0])
    assert all({"dataset", "year"} <= set(s) for s in body["sources"])


def test_bad_input_exits_2_naming_line_and_field(app: typer.Typer) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["evidence", "import", str(FIX / "bad_country.csv")])
    assert result.exit_code == 2
    assert "line 3" in result.output and "country" in result.output
    bad_date = runner.invoke(app, ["risk", "country", "GM", "--date", "2023-13-01"])
    assert bad_date.exit_code == 2 and "date" in bad_date.output


def test_history_and_derive_refuses_non_redistributable(app: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["evidence", "import", str(FIX / "evidence_items.csv")])
    history = runner.invoke(app, ["evidence", "history", "gm-cat-2021"])
    assert json.loads(history.stdout)[0]["actor"] == "cli"
    refused = runner.invoke(
        app,
        [
            "evidence",
            "derive",
            "--dataset",
            "pts",
            str(FIX / "evidence/pts/PTS-2024.csv"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert refused.exit_code == 2 and not (tmp_path / "out").exists()
