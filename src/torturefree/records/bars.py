"""Stacked bar charts as HTML tables, for the annual report in any language.

The SVG charts (charts.py) place their own text, which the PDF renderer neither shapes nor
reorders: Arabic came out as disjoined letters in the wrong order. Here every word is HTML
text, so it is shaped, mirrored in a right-to-left document and read by screen readers (a
table with a caption); the bars are spans whose widths are the counts' shares.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from torturefree.records.charts import COLOURS, LABELS


def bar_table(
    title: str,
    groups: list[tuple[str, dict[str, int]]],
    say: Callable[[str], str],
    figure: Callable[[int], str] = str,
) -> str:
    """One row per group: its name, its series stacked as bars, and its total."""
    caption = f"<caption>{escape(title)}</caption>"
    if not groups:
        empty = escape(say("Nothing to show for this year."))
        return f"<table class='bars'>{caption}<tr><td>{empty}</td></tr></table>"
    biggest = max(sum(values.values()) for _, values in groups) or 1
    rows = "".join(_row(name, values, biggest, figure) for name, values in groups)
    return f"<table class='bars'>{caption}{rows}</table>{_legend(say)}"


def _row(name: str, values: dict[str, int], biggest: int, figure: Callable[[int], str]) -> str:
    bars = "".join(
        f"<span class='bar' style='width:{values.get(series, 0) / biggest * 100:.1f}%;"
        f"background:{colour}'></span>"
        for series, colour in COLOURS.items()
        if values.get(series, 0)
    )
    total = figure(sum(values.values()))
    return f"<tr><th scope='row'>{escape(name)}</th><td class='track'>{bars}</td><td class='n'>{escape(total)}</td></tr>"


def _legend(say: Callable[[str], str]) -> str:
    items = "".join(
        f"<li><span class='key' style='background:{colour}'></span>{escape(say(LABELS[series]))}</li>"
        for series, colour in COLOURS.items()
    )
    return f"<ul class='legend'>{items}</ul>"


CSS = """
table.bars { table-layout: auto; font-size: 8.5pt; margin: .3em 0 .2em; }
table.bars caption { font-weight: bold; font-size: 10pt; text-align: start; padding-bottom: .3em; }
table.bars th, table.bars td { border: none; padding: 1px 4px; }
table.bars th { width: 30%; font-weight: normal; text-align: end; }
table.bars td.track { width: 62%; white-space: nowrap; }
table.bars td.n { width: 8%; }
span.bar { display: inline-block; height: 9pt; vertical-align: middle; }
ul.legend { list-style: none; padding: 0; margin: 0 0 1em; font-size: 8pt; }
ul.legend li { display: inline-block; margin-inline-end: 1.2em; }
span.key { display: inline-block; width: 8pt; height: 8pt; margin-inline-end: .3em; vertical-align: middle; }
"""
