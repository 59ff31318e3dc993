"""Mirror statistics on the Comtrade fixture, figure by figure."""

from __future__ import annotations

import pytest

from torturefree.trade import Engine, TradeStore, load_parameters
from torturefree.trade.mirror import mirror


def _by_key(
    engine: Engine, store: TradeStore, **kw: object
) -> dict[tuple[object, ...], dict[str, object]]:
    p = load_parameters()
    m = mirror(
        engine.trade(store.parquet),
        p.value("cif_fob_factor"),
        int(p.value("lag_window_years")),
        **kw,
    )  # type: ignore[arg-type]
    return {(r["exporter"], r["importer"], r["code6"], r["year"]): r for r in engine.rows(m)}


def test_mirror_figures(loaded: TradeStore, duck: Engine) -> None:
    rows = _by_key(duck, loaded)
    za_de = rows[("ZA", "DE", "930400", 2021)]
    # 1 060 000 CIF / 1.06 = 1 000 000 FOB: the two sides agree once the margin is taken off.
    assert za_de["export_value"] == 1_000_000 and za_de["import_value"] == 1_060_000
    assert za_de["import_fob"] == 1_000_000 and za_de["asymmetry"] == 0
    assert za_de["export_records"] == 1 and za_de["import_records"] == 1
    # Pooled with 2022 (window 1): X 1M + 0.8M against M/f 1M + 1.8M/1.06.
    assert za_de["asymmetry_window"] == pytest.approx(0.199664, abs=1e-6)
    assert za_de["exporter_nes"] == 400_000  # 'Areas, nes' exports of the same code that year
    za_us = rows[("ZA", "US", "930400", 2021)]
    assert za_us["import_fob"] == 100_000 and za_us["asymmetry"] == pytest.approx(-0.666667)
    # Kenya reported nothing: a one-sided flow says nothing about Kenya's imports.
    za_ke = rows[("ZA", "KE", "940161", 2021)]
    assert za_ke["asymmetry"] == -1 and za_ke["importer_reports"] is False
    # Only the importer reported ZA -> AE; re-exports (RX) and re-imports (RM) are not mirrored.
    za_ae = rows[("ZA", "AE", "293353", 2021)]
    assert za_ae["export_value"] == 0 and za_ae["import_value"] == 210_000
    assert not any(k[:2] == ("AE", "SA") for k in rows)
    # Comext rows are another source: left out unless asked for.
    assert ("ZA", "NL", "293353", 2021) not in rows


def test_mirror_on_comext_is_a_separate_source(loaded: TradeStore, duck: Engine) -> None:
    rows = _by_key(duck, loaded, sources=("comext",))
    assert rows[("ZA", "DE", "930400", 2021)]["import_value"] == 1_059_699.2
    assert rows[("DE", "US", "930400", 2021)]["export_value"] == 141_924.0
