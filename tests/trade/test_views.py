"""What a page shows: tables, server-side SVG charts with a text alternative, CSV/XLSX export."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from torturefree.trade import Engine, TradeStore
from torturefree.trade.export import to_csv, write_tables
from torturefree.trade.monitor import Monitor
from torturefree.trade.views import code_view, country_view


def test_country_view(loaded: TradeStore, duck: Engine) -> None:
    view = country_view(Monitor.open(duck, loaded), "ZA")
    chart = view["charts"][0]
    assert chart["svg"].startswith("<svg") and "<text" in chart["svg"]
    # Largest partner first, in words for readers who cannot see the chart.
    assert chart["text"].index("DE 1,800,000 USD") < chart["text"].index("US 500,000 USD")
    assert {r["importer"] for r in view["tables"]["mirror"]} >= {"DE", "US", "KE", "AE"}
    assert view["flags"] and all("ZA" in f["keys"].values() for f in view["flags"])
    assert "upper_bound" in view["measure_note"]


def test_code_view_and_exports(loaded: TradeStore, duck: Engine, tmp_path: Path) -> None:
    view = code_view(Monitor.open(duck, loaded), "930400", "ZA", "DE")
    assert [r["year"] for r in view["tables"]["mirror"]] == [2018, 2019, 2020, 2021, 2022]
    assert "2022: exporter 800,000 USD, importer 1,698,113 USD" in view["charts"][0]["text"]
    csv_text = to_csv(view["tables"]["mirror"])
    assert csv_text.splitlines()[4].startswith("ZA,DE,930400,2021,1000000.0")
    out = tmp_path / "t.xlsx"
    write_tables(view["tables"], "xlsx", out, {"title": view["title"]})
    book = load_workbook(out)
    assert book.sheetnames == ["about", "mirror"] and book["mirror"].max_row == 6
