"""Charts drawn on the server (Vega-Altair, rendered to SVG by vl-convert, no browser, offline),
each with a text alternative that says what the chart shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert as vlc

# Okabe-Ito, colour-blind safe: exporter-reported blue, importer-reported vermillion.
SIDES = {"export_value": "#0072B2", "import_fob": "#D55E00"}
SIDE_LABELS = {"export_value": "exporter-reported (FOB)", "import_fob": "importer-reported (CIF/f)"}


@dataclass(frozen=True)
class Chart:
    svg: str
    text: str
    spec: dict[str, Any]


def render(chart: alt.TopLevelMixin, text: str) -> Chart:
    spec = chart.to_dict()
    return Chart(vlc.vegalite_to_svg(spec), text, spec)


def mirror_series(rows: list[dict[str, Any]], title: str) -> Chart:
    """Both sides of one flow over the years (rows of the mirror table, one key)."""
    long = [
        {"year": str(r["year"]), "side": SIDE_LABELS[side], "value": r[side] or 0}
        for r in sorted(rows, key=lambda r: r["year"])
        for side in SIDES
    ]
    chart = (
        alt.Chart(alt.Data(values=long), title=title)  # type: ignore[no-untyped-call]
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="year"),
            y=alt.Y("value:Q", title="USD"),
            color=alt.Color(
                "side:N",
                scale=alt.Scale(domain=list(SIDE_LABELS.values()), range=list(SIDES.values())),
            ),
        )
        .properties(width=520, height=220)
    )
    lines = [
        f"{r['year']}: exporter {r['export_value']:,.0f} USD, importer {r['import_fob']:,.0f} USD"
        f" (A = {r['asymmetry']})"
        for r in sorted(rows, key=lambda r: r["year"])
    ]
    return render(chart, f"{title}. " + "; ".join(lines) + "." if lines else f"{title}: no data.")


def partner_bars(
    rows: list[dict[str, Any]], title: str, value: str = "value", label: str = "partner"
) -> Chart:
    """Horizontal bars, largest first (a table of partners a person would rather look at)."""
    ordered = sorted(rows, key=lambda r: -(r[value] or 0))[:25]
    data = [{label: str(r[label]), value: r[value] or 0} for r in ordered]
    chart = (
        alt.Chart(alt.Data(values=data), title=title)  # type: ignore[no-untyped-call]
        .mark_bar(color="#0072B2")
        .encode(y=alt.Y(f"{label}:N", sort="-x", title=label), x=alt.X(f"{value}:Q", title="USD"))
        .properties(width=480, height=max(60, 18 * len(data)))
    )
    text = "; ".join(f"{d[label]} {d[value]:,.0f} USD" for d in data)
    return render(chart, f"{title}: {text}." if data else f"{title}: no data.")
