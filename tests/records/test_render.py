"""Every format is written and readable; HTML and PDF are rendered to images for a human look."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from torturefree.records.annual import AnnualReport, build_annual
from torturefree.records.counting import Tables
from torturefree.records.demo import Generator, load_spec
from torturefree.records.render import ReportFormat, html_document, write_report
from torturefree.records.store import Store

SPEC = Path(__file__).with_name("fixtures") / "demo-spec.yaml"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> AnnualReport:
    records = Generator(load_spec(SPEC), seed=11).records(range(2020, 2025), 120)
    with Store.open(tmp_path_factory.mktemp("render") / "r.sqlite3") as store:
        store.write(records)
        tables = Tables.from_arrow(store.arrow_tables())
    return build_annual(tables, 2024, public=True)


def test_json_holds_every_table_and_the_flags(report: AnnualReport, tmp_path: Path) -> None:
    data = json.loads(write_report(report, ReportFormat.JSON, tmp_path / "r.json").read_text())
    assert set(data["tables"]) == {t.name for t in report.tables}
    assert data["year"] == 2024 and data["public"] is True
    assert {"withheld", "nil_report", "basis", "counting_rules"} <= set(data)


def test_csv_is_one_long_table_naming_each_section(report: AnnualReport, tmp_path: Path) -> None:
    with write_report(report, ReportFormat.CSV, tmp_path / "r.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert {row["table"] for row in rows} == {t.name for t in report.tables if t.rows}
    assert len(rows) == sum(len(t.rows) for t in report.tables)


def test_xlsx_has_a_sheet_per_table(report: AnnualReport, tmp_path: Path) -> None:
    book = load_workbook(write_report(report, ReportFormat.XLSX, tmp_path / "r.xlsx"))
    assert book.sheetnames == ["about", *(t.name for t in report.tables)]
    sheet = book["decisions"]
    assert [c.value for c in sheet[2]] == report.table("decisions").columns
    assert sheet.max_row == 2 + len(report.table("decisions").rows)


def test_html_has_charts_tables_and_the_withheld_note(report: AnnualReport) -> None:
    html = html_document(report)
    assert html.count("<table class='bars'>") == 3  # the charts, as HTML (records/bars.py)
    assert "Art. 26(3)" in html and "withheld" in html
    assert html.count("<table") == len(report.tables) + 1 + 3  # the header, the bar charts


def test_html_and_pdf_render_to_images(report: AnnualReport, artefacts: Path) -> None:
    html = write_report(report, ReportFormat.HTML, artefacts / "annual-2024-public.html")
    pdf = write_report(report, ReportFormat.PDF, artefacts / "annual-2024-public.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and html.stat().st_size > 5000
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm missing: apt-get install -y poppler-utils")
    for old in artefacts.glob("annual-2024-public-page-*.png"):
        old.unlink()
    prefix = artefacts / "annual-2024-public-page"
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(artefacts.glob("annual-2024-public-page-*.png"))
    assert len(pages) >= 2 and all(page.stat().st_size > 10_000 for page in pages)
