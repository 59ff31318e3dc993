"""Report renderers: HTML with charts, PDF (WeasyPrint), CSV, XLSX (openpyxl) and JSON."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum
from html import escape
from pathlib import Path
from typing import Any

from torturefree.records.annual import AnnualReport, ReportTable
from torturefree.records.charts import bar_chart, line_chart

TOP_PARTNERS = 12


class ReportFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


def write_report(report: AnnualReport, fmt: ReportFormat, out: Path) -> Path:
    """Write the report in one format; the registry below is the extension point."""
    out.parent.mkdir(parents=True, exist_ok=True)
    RENDERERS[fmt](report, out)
    return out


def render_json(report: AnnualReport, out: Path) -> None:
    out.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n", "utf-8")


def render_csv(report: AnnualReport, out: Path) -> None:
    """One long table: `table` names the section, every other column is shared or blank."""
    columns = ["table"]
    for table in report.tables:
        columns += [c for c in table.columns if c not in columns]
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for table in report.tables:
            for row in table.rows:
                writer.writerow({"table": table.name, **row})


def render_xlsx(report: AnnualReport, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = "about"
    for key, value in _about(report):
        about.append([key, value])
    for table in report.tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append([row.get(column) for column in table.columns])
    book.save(out)


def render_html(report: AnnualReport, out: Path) -> None:
    out.write_text(html_document(report), encoding="utf-8")


def render_pdf(report: AnnualReport, out: Path) -> None:
    from weasyprint import HTML

    HTML(string=html_document(report)).write_pdf(out)


def html_document(report: AnnualReport) -> str:
    title = f"Annual report {report.year}: trade in goods used for torture or capital punishment"
    body = [f"<h1>{escape(title)}</h1>", _header(report), _charts(report)]
    body += [_table_html(table) for table in report.tables]
    body.append(_rules(report))
    return f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title><style>{_CSS}</style></head><body>{''.join(body)}</body></html>"


def _about(report: AnnualReport) -> list[tuple[str, Any]]:
    meta = report.meta
    nil = meta.get("nil_report", {})
    return [
        ("year", report.year),
        ("reporting states", ", ".join(meta["reporting_states"]) or "none"),
        ("version", "public" if report.public else "full (not for publication)"),
        ("basis", "authorised and actual"),
        ("nil report: exports", "yes" if nil.get("export") else "no"),
        ("nil report: imports", "yes" if nil.get("import") else "no"),
        ("data withheld", "yes" if meta["withheld"] else "no"),
        ("withheld note", meta["withheld_note"] or ""),
        ("generated on", meta["generated_on"]),
    ]


def _header(report: AnnualReport) -> str:
    rows = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>"
        for k, v in _about(report)
        if v != ""
    )
    return f"<table class='about'>{rows}</table>"


def _charts(report: AnnualReport) -> str:
    by_category: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in report.table("goods").rows:
        for series in ("granted", "refused", "refused_national_ban"):
            by_category[row["category"].replace("_", " ")][series] += row[series]
    partners: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in report.table("countries").rows:
        if row["activity"] == "export":
            for series in ("granted", "refused", "refused_national_ban"):
                partners[row["partner"]][series] += row[series]
    top = sorted(partners.items(), key=lambda item: -sum(item[1].values()))[:TOP_PARTNERS]
    trend = [(row["year"], row) for row in report.table("trend").rows]
    return "".join(
        [
            "<h2>At a glance</h2>",
            bar_chart("Decisions by category of goods", sorted(by_category.items())),
            bar_chart(f"Export decisions by destination (top {TOP_PARTNERS})", top),
            line_chart("Decisions per year", trend),
        ]
    )


def _table_html(table: ReportTable) -> str:
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in table.columns)
    if not table.rows:
        body = f"<tr><td colspan='{len(table.columns)}'>Nil: nothing to report.</td></tr>"
    else:
        body = "".join(
            "<tr>" + "".join(_cell(row.get(c)) for c in table.columns) + "</tr>"
            for row in table.rows
        )
    return f"<h2>{escape(table.title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        return f"<td class='n'>{text}</td>"
    return f"<td>{escape('' if value is None else str(value).replace('_', ' '))}</td>"


def _rules(report: AnnualReport) -> str:
    items = "".join(
        f"<li><b>{escape(r['rule'])}</b>: {escape(r['meaning'])}</li>"
        for r in report.meta["counting_rules"]
    )
    return f"<h2>How the figures are counted</h2><ul class='rules'>{items}</ul>"


_CSS = """
@page { size: A4; margin: 16mm 14mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #111; max-width: 60em; margin: auto; }
h1 { font-size: 17pt; } h2 { font-size: 12.5pt; margin-top: 1.4em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 8pt; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; overflow-wrap: anywhere; }
thead th { background: #e8eef5; font-size: 7pt; hyphens: auto; overflow-wrap: anywhere; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; } tr { break-inside: avoid; }
table.about { width: 100%; font-size: 10pt; table-layout: auto; } table.about th { width: 11em; } table.about th { background: #f3f3f3; }
svg { display: block; margin: .6em 0; break-inside: avoid; max-width: 100%; height: auto; }
ul.rules { font-size: 9pt; }
"""

RENDERERS: dict[ReportFormat, Callable[[AnnualReport, Path], None]] = {
    ReportFormat.HTML: render_html,
    ReportFormat.PDF: render_pdf,
    ReportFormat.CSV: render_csv,
    ReportFormat.XLSX: render_xlsx,
    ReportFormat.JSON: render_json,
}
