"""The `torturefree trade` commands on the fixtures (DuckDB)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from tests.trade.conftest import FIXTURES
from typer.testing import CliRunner

from torturefree.cli.main import app

runner = CliRunner()


def _run(home: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["trade", *args, "--home", str(home)])
    return result.exit_code, result.stdout, result.stderr


def test_import_twice_then_mirror_flags_dismiss_and_chart(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, "import", str(FIXTURES / "comtrade-bulk.csv"))
    assert code == 0 and json.loads(out)["changed"] is True
    code, out, _ = _run(tmp_path, "import", str(FIXTURES / "comtrade-bulk.csv"))
    assert code == 0 and json.loads(out)["changed"] is False
    code, out, _ = _run(tmp_path, "mirror", "--exporter", "ZA", "--code", "9304", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("table,exporter,importer,code6,year,export_value")
    assert "mirror,ZA,US,930400,2021,500000.0,106000.0,100000.0" in out
    code, out, _ = _run(tmp_path, "flags", "--kind", "possible_rerouting", "--records", "5")
    flag = json.loads(out)["tables"]["flags"][0]
    assert code == 0 and [r["line"] for r in flag["records"]] == [10, 11]
    code, out, _ = _run(
        tmp_path, "dismiss", flag["id"], "--reason", "hub trade, checked", "--analyst", "a:1"
    )
    assert code == 0
    xlsx = tmp_path / "flags.xlsx"
    code, _, _ = _run(
        tmp_path, "flags", "--kind", "possible_rerouting", "--format", "xlsx", "--out", str(xlsx)
    )
    sheet = load_workbook(xlsx)["flags"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert code == 0 and row["id"] == flag["id"] and row["dismissed"] is True
    svg = tmp_path / "c.svg"
    code, out, _ = _run(
        tmp_path,
        "chart",
        "--exporter",
        "ZA",
        "--importer",
        "US",
        "--code",
        "930400",
        "--out",
        str(svg),
    )
    assert (
        code == 0
        and svg.read_text().startswith("<svg")
        and "A = -0.666667" in json.loads(out)["text"]
    )


def test_bad_input_exits_2_naming_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        (FIXTURES / "comtrade-bulk.csv").read_text().replace(",X,Export,404,", ",Q,Export,404,")
    )
    code, _, err = _run(tmp_path, "import", str(bad))
    assert code == 2 and "line 13" in err and "flowCode" in err
    code, _, err = _run(tmp_path, "dismiss", "abc", "--reason", " ", "--analyst", "a")
    assert code == 2 and "reason" in err
