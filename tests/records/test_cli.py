"""The contract commands: exit codes 0 / 1 (naming the broken entry) / 2 (naming the field)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from torturefree.cli import records_cmd

SPEC = Path(__file__).with_name("fixtures") / "demo-spec.yaml"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    records_cmd.register(app)
    return app


@pytest.fixture
def home(app: typer.Typer, tmp_path: Path) -> Path:
    args = ["records", "demo", "--spec", str(SPEC), "--per-year", "30", "--home", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return tmp_path


def test_verify_passes_then_names_the_first_broken_entry(app: typer.Typer, home: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["ledger", "verify", "--home", str(home)])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["ok"] is True
    connection = sqlite3.connect(home / "records.sqlite3", isolation_level=None)
    connection.execute("DROP TRIGGER ledger_no_update")
    connection.execute("UPDATE ledger_entry SET actor = 'x' WHERE seq = 17")
    broken = runner.invoke(app, ["ledger", "verify", "--home", str(home)])
    assert broken.exit_code == 1
    assert json.loads(broken.stdout)["first_broken"] == 17
    assert "entry 17" in broken.stderr


def test_checkpoint_round_trip(app: typer.Typer, home: Path) -> None:
    runner = CliRunner()
    point = home / "cp.json"
    assert (
        runner.invoke(
            app, ["ledger", "checkpoint", "--out", str(point), "--home", str(home)]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        app, ["ledger", "verify", "--checkpoint", str(point), "--home", str(home)]
    )
    assert result.exit_code == 0
    point.write_text('{"seq": 1, "hash": "' + "f" * 64 + '", "taken_at": "x"}')
    result = runner.invoke(
        app, ["ledger", "verify", "--checkpoint", str(point), "--home", str(home)]
    )
    assert result.exit_code == 1 and json.loads(result.stdout)["first_broken"] == 1


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "html"])
def test_report_annual_writes_each_format(app: typer.Typer, home: Path, fmt: str) -> None:
    out = home / f"annual.{fmt}"
    args = ["report", "annual", "--year", "2023", "--format", fmt, "--out", str(out), "--public"]
    result = CliRunner().invoke(app, [*args, "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 500


def test_bad_format_is_exit_2_naming_the_option(app: typer.Typer, home: Path) -> None:
    args = ["report", "annual", "--year", "2023", "--format", "docx", "--out", str(home / "x")]
    result = CliRunner().invoke(app, [*args, "--home", str(home)])
    assert result.exit_code == 2 and "--format" in result.stderr


def test_verify_with_workers_gives_the_same_answer(app: typer.Typer, home: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(app, ["ledger", "verify", "--home", str(home)])
    two = runner.invoke(app, ["ledger", "verify", "--workers", "2", "--home", str(home)])
    assert two.exit_code == 0 and json.loads(two.stdout) == json.loads(one.stdout)
    none = runner.invoke(app, ["ledger", "verify", "--workers", "0", "--home", str(home)])
    assert none.exit_code == 2
