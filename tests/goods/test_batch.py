"""Batch input and output, and the `torturefree classify` command (contracts.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from torturefree.cli.main import app
from torturefree.errors import InputError
from torturefree.goods.algorithms import DEFAULT_ALGORITHM
from torturefree.goods.batch import queries, read_path, read_text

runner = CliRunner()
ROWS = [
    {"id": "1", "description": "Daumenschellen aus Stahl", "hs_code": "7326 90 98", "lang": "de"},
    {"id": "2", "description": "office chair", "hs_code": "9401 71 00"},
    {"id": "3", "hs_code": "7326909800"},
    {"id": "4", "cas": "2444-46-4"},
]
EXPECTED = {"1": True, "2": False, "3": None, "4": True}


def classify(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["classify", *args, "--date", "2025-09-01"], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    header = ["id", "description", "hs_code", "cas", "lang"]
    lines = [",".join(header)] + [",".join(r.get(c, "") for c in header) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_stdin_to_stdout() -> None:
    code, out, _ = classify(stdin="\n".join(json.dumps(r) for r in ROWS))
    assert code == 0
    answers = [json.loads(line) for line in out.splitlines()]
    assert {a["id"]: a["controlled"] for a in answers} == EXPECTED
    first = answers[0]
    assert first["classifier_version"] == DEFAULT_ALGORITHM == "goods_v3" and first["data_release"]
    assert set(first["entries"][0]) == {
        "id",
        "instrument",
        "annex",
        "item",
        "category",
        "title",
        "score",
    }


def test_csv_in_parquet_out(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS)
    out = tmp_path / "out.parquet"
    code, _, err = classify(str(source), "--out", str(out))
    assert code == 0, err
    table = pq.read_table(out)
    assert table.num_rows == 4
    assert table.schema.field("entries").type == pa.list_(
        table.schema.field("entries").type.value_type
    )
    assert (
        dict(zip(table["id"].to_pylist(), table["controlled"].to_pylist(), strict=True)) == EXPECTED
    )


def test_parquet_in_csv_out(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{**{"cas": None}, **r} for r in ROWS]), source)
    out = tmp_path / "out.csv"
    code, _, err = classify(str(source), "--out", str(out), "--jurisdiction", "US")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("id,controlled,category,entries,explanation")
    assert "us-15-cfr-742/0a983" in text


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("id,description,hs_code\n1,stun gun,85437090\n2,x,93O4\n", "line 3, field 'hs_code'"),
        ("id,name\n1,x\n", "missing columns"),
        ("id,cas\n1,2444-46-5\n", "line 2, field 'cas'"),
        ('id,description\n1,"unclosed\n', "line"),
    ],
)
def test_bad_csv_stops_naming_line_and_field_and_writes_nothing(
    tmp_path: Path, content: str, needle: str
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = classify(str(source), "--out", str(out))
    assert code == 2
    assert needle in " ".join(err.split())
    assert not out.exists() and not list(tmp_path.glob("out.jsonl*"))


def test_bad_jsonl_on_stdout_prints_nothing() -> None:
    code, out, err = classify(stdin='{"description": "stun gun"}\nnot json\n')
    assert code == 2 and out == "" and "line 2" in err


def test_unknown_jurisdiction_and_file_type(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS)
    assert classify(str(source), "--jurisdiction", "ATLANTIS")[0] == 2
    assert classify(str(source), "--out", str(tmp_path / "out.xlsx"))[0] == 2


def test_readers_number_lines(tmp_path: Path) -> None:
    text = '{"description": "a"}\n\n{"description": "b"}\n'
    assert [n for n, _ in read_text(text, "jsonl", "<s>")] == [1, 3]
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"description": "a"}\n[1]\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        list(queries(read_path(bad), str(bad)))
    assert error.value.line == 2
