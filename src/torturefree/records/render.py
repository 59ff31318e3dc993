"""Report renderers: HTML with charts, PDF (WeasyPrint), CSV, XLSX (openpyxl) and JSON."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum
from html import escape
from pathlib import Path
from typing import Any

from torturefree.records.annual import AnnualReport, ReportTable
from torturefree.records.bars import CSS as BARS_CSS
from torturefree.records.bars import bar_table
from torturefree.records.wording import ENGLISH, Wording

TOP_PARTNERS = 12
SERIES = ("granted", "refused", "refused_national_ban")


class ReportFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


def write_report(
    report: AnnualReport, fmt: ReportFormat, out: Path, wording: Wording = ENGLISH
) -> Path:
    """Write the report in one format; the registry below is the extension point.

    HTML and PDF speak `wording`'s language; the data formats keep their codes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in (ReportFormat.HTML, ReportFormat.PDF):
        DOCUMENTS[fmt](report, out, wording)
    else:
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
    for key, value in _about(report, ENGLISH):
        about.append([key, value])
    for table in report.tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append([row.get(column) for column in table.columns])
    book.save(out)


def render_html(report: AnnualReport, out: Path, wording: Wording = ENGLISH) -> None:
    out.write_text(html_document(report, wording), encoding="utf-8")


def render_pdf(report: AnnualReport, out: Path, wording: Wording = ENGLISH) -> None:
    from weasyprint import HTML

    HTML(string=html_document(report, wording)).write_pdf(out)


def html_document(report: AnnualReport, wording: Wording = ENGLISH) -> str:
    w = wording
    title = w.say(
        "Annual report %(year)s: trade in goods used for torture or capital punishment",
        year=report.year,
    )
    body = [f"<h1>{escape(title)}</h1>", _header(report, w), _charts(report, w)]
    body += [_table_html(table, w) for table in report.tables]
    body.append(_rules(report, w))
    direction = "rtl" if w.rtl else "ltr"
    style = _page_css(w) + _CSS + BARS_CSS
    head = f"<meta charset='utf-8'><title>{escape(title)}</title><style>{style}</style>"
    return f"<!doctype html><html lang='{escape(w.lang)}' dir='{direction}'><head>{head}</head><body>{''.join(body)}</body></html>"


def _about(report: AnnualReport, w: Wording) -> list[tuple[str, Any]]:
    meta = report.meta
    nil = meta.get("nil_report", {})
    states = [w.cell("reporting_state", s) for s in meta["reporting_states"]]

    def yes(flag: Any) -> str:
        return w.say("yes") if flag else w.say("no")

    return [
        (w.say("year"), report.year),
        (w.say("reporting states"), ", ".join(states) or w.say("none")),
        (
            w.say("version"),
            w.say("public") if report.public else w.say("full (not for publication)"),
        ),
        (w.say("basis"), w.say("authorised and actual")),
        (w.say("nil report: exports"), yes(nil.get("export"))),
        (w.say("nil report: imports"), yes(nil.get("import"))),
        (w.say("data withheld"), yes(meta["withheld"])),
        (w.say("withheld note"), w.say(meta["withheld_note"]) if meta["withheld_note"] else ""),
        (w.say("generated on"), w.cell("generated_on", meta["generated_on"])),
    ]


def _header(report: AnnualReport, w: Wording) -> str:
    rows = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>"
        for k, v in _about(report, w)
        if v != ""
    )
    return f"<table class='about'>{rows}</table>"


def _charts(report: AnnualReport, w: Wording) -> str:
    by_category: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in report.table("goods").rows:
        for series in SERIES:
            by_category[w.cell("category", row["category"])][series] += row[series]
    partners: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in report.table("countries").rows:
        if row["activity"] == "export":
            for series in SERIES:
                partners[w.cell("partner", row["partner"])][series] += row[series]
    top = sorted(partners.items(), key=lambda item: -sum(item[1].values()))[:TOP_PARTNERS]
    trend = [(str(row["year"]), {k: row[k] for k in SERIES}) for row in report.table("trend").rows]

    def figure(n: int) -> str:
        return w.cell("total", n)

    return "".join(
        [
            f"<h2>{escape(w.say('At a glance'))}</h2>",
            bar_table(
                w.say("Decisions by category of goods"), sorted(by_category.items()), w.say, figure
            ),
            bar_table(
                w.say("Export decisions by destination (top %(n)s)", n=TOP_PARTNERS),
                top,
                w.say,
                figure,
            ),
            bar_table(w.say("Decisions per year"), trend, w.say, figure),
        ]
    )


def _table_html(table: ReportTable, w: Wording) -> str:
    head = "".join(f"<th>{escape(w.say(c.replace('_', ' ')))}</th>" for c in table.columns)
    if not table.rows:
        nil = escape(w.say("Nil: nothing to report."))
        body = f"<tr><td colspan='{len(table.columns)}'>{nil}</td></tr>"
    else:
        body = "".join(
            "<tr>" + "".join(_cell(c, row.get(c), w) for c in table.columns) + "</tr>"
            for row in table.rows
        )
    title = escape(w.say(table.title))
    return f"<h2>{title}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(column: str, value: Any, w: Wording) -> str:
    text = escape(w.cell(column, value))
    if isinstance(value, int | float) and not isinstance(value, bool) and column != "year":
        return f"<td class='n'>{text}</td>"
    return f"<td>{text}</td>"


def _rules(report: AnnualReport, w: Wording) -> str:
    items = "".join(
        f"<li><b>{escape(r['rule'])}</b>: {escape(w.say(r['meaning']))}</li>"
        for r in report.meta["counting_rules"]
    )
    return f"<h2>{escape(w.say('How the figures are counted'))}</h2><ul class='rules'>{items}</ul>"


_PAGE, _PAGES = "\x00page\x00", "\x00pages\x00"


def _page_css(w: Wording) -> str:
    """The page counter in words ("page 1 of 13"), at the end of the line the text starts on.

    Why words: "1 / 13" inside a right-to-left page is laid out as "13 / 1", which reads as
    page 13 of 1 to anyone who reads the digits left to right; "الصفحة 1 من 13" has one reading.
    """
    said = w.say("page %(page)s of %(pages)s", page=_PAGE, pages=_PAGES)
    parts = re.split(f"({_PAGE}|{_PAGES})", said)
    content = " ".join(
        "counter(page)"
        if part == _PAGE
        else "counter(pages)"
        if part == _PAGES
        else _css_string(part)
        for part in parts
        if part
    )
    corner = "bottom-left" if w.rtl else "bottom-right"
    return f"@page {{ size: A4; margin: 16mm 14mm; @{corner} {{ content: {content}; font-size: 9pt; }} }}\n"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


_CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans CJK SC', sans-serif; font-size: 10pt; color: #111; max-width: 60em; margin: auto; }
html[lang='ar'] body { font-family: 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif; }
html[lang='zh-hans'] body { font-family: 'Noto Sans CJK SC', 'DejaVu Sans', sans-serif; }
h1 { font-size: 17pt; } h2 { font-size: 12.5pt; margin-top: 1.4em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 8pt; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: start; overflow-wrap: anywhere; }
thead th { background: #e8eef5; font-size: 7pt; hyphens: auto; overflow-wrap: anywhere; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; } tr { break-inside: avoid; }
table.about { width: 100%; font-size: 10pt; table-layout: auto; } table.about th { width: 11em; } table.about th { background: #f3f3f3; }
svg { display: block; margin: .6em 0; break-inside: avoid; max-width: 100%; height: auto; }
ul.rules { font-size: 9pt; }
"""

DOCUMENTS: dict[ReportFormat, Callable[[AnnualReport, Path, Wording], None]] = {
    ReportFormat.HTML: render_html,
    ReportFormat.PDF: render_pdf,
}
RENDERERS: dict[ReportFormat, Callable[[AnnualReport, Path], None]] = {
    ReportFormat.HTML: render_html,
    ReportFormat.PDF: render_pdf,
    ReportFormat.CSV: render_csv,
    ReportFormat.XLSX: render_xlsx,
    ReportFormat.JSON: render_json,
}
