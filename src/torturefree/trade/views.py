"""What a page shows for one country or one code: tables, charts with text, and the flags.

Plain functions over a Monitor, so the hub's pages and the commands show the same thing.
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir

from torturefree.trade.charts import Chart, mirror_series, partner_bars
from torturefree.trade.explain import measure_note
from torturefree.trade.monitor import Monitor


def filtered_mirror(
    m: Monitor,
    *,
    exporter: str | None = None,
    importer: str | None = None,
    code: str | None = None,
    year: int | None = None,
) -> ir.Table:
    t = m.mirror()
    if exporter:
        t = t.filter(t.exporter == exporter)
    if importer:
        t = t.filter(t.importer == importer)
    if code:
        t = t.filter(t.code6.startswith(code))
    if year:
        t = t.filter(t.year == year)
    return t.order_by(["exporter", "importer", "code6", "year"])


def country_view(
    m: Monitor, country: str, flags: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A country as exporter: its mirror rows, partners by value, its flags, a chart per code.

    `flags`: the monitor's flags when the caller already has them (the hub keeps them)."""
    rows = m.engine.rows(filtered_mirror(m, exporter=country))
    partners: dict[str, float] = {}
    for r in rows:
        partners[r["importer"]] = partners.get(r["importer"], 0) + (r["export_value"] or 0)
    bars = partner_bars(
        [{"partner": k, "value": v} for k, v in partners.items()],
        f"{country}: exports by partner, all years (exporter-reported, USD)",
    )
    mine = [f for f in (m.flags() if flags is None else flags) if country in f["keys"].values()]
    return _view(f"country {country}", {"mirror": rows, "flags": _flat(mine)}, [bars], mine)


def code_view(m: Monitor, code: str, exporter: str, importer: str) -> dict[str, Any]:
    """One flow over the years: both sides, the gap, and the chart of it."""
    rows = m.engine.rows(filtered_mirror(m, exporter=exporter, importer=importer, code=code))
    chart = mirror_series(rows, f"{exporter} to {importer}, HS {code}")
    return _view(f"{exporter} to {importer}, {code}", {"mirror": rows}, [chart], [])


def _view(
    title: str,
    tables: dict[str, list[dict[str, Any]]],
    charts: list[Chart],
    flags: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "title": title,
        "tables": tables,
        "charts": [{"svg": c.svg, "text": c.text} for c in charts],
        "flags": flags,
        "measure_note": measure_note(),
        "engine": None,
    }


def _flat(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flags as table rows for CSV/XLSX: keys and figures spread out, the why in words."""
    out = []
    for f in flags:
        row: dict[str, Any] = {"id": f["id"], "kind": f["kind"], **f["keys"], **f["figures"]}
        row |= {"measure": f["measure"], "why": f["why"], "dismissed": bool(f["dismissed"])}
        out.append(row)
    return out


flat_flags = _flat
