"""The generator's planted anomalies are found, and a gap offset by the next year is timing."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from torturefree.risk.countries import load_countries
from torturefree.trade import Engine, TradeStore
from torturefree.trade.evaluate import candidates, score
from torturefree.trade.generate import Spec, generate_into_store
from torturefree.trade.mirror import mirror
from torturefree.trade.monitor import Monitor
from torturefree.trade.store import write_partitions

CODES = ["293353", "392690", "732690", "930400", "940161", "940290"]


def test_planted_anomalies_are_recovered(tmp_path: Path, duck: Engine) -> None:
    countries = sorted(load_countries().by_alpha2)[:40]
    store = TradeStore(tmp_path)
    store.parquet.mkdir(parents=True)
    spec = Spec(
        rows=300_000, countries=countries, codes=CODES, watched=["AE", "BD", "BH"], plant_share=0.01
    )
    rows, truth, folder = generate_into_store(store.parquet, spec, "gen")
    assert 250_000 < rows < 350_000 and (folder / "year=2015").is_dir()
    assert truth.asymmetry and truth.rise and truth.rerouting
    m = Monitor.open(duck, store, watch=["AE", "BD", "BH"])
    q = m.queries()
    flagged = {
        k: duck.rows(q[k]()) for k in ("large_asymmetry", "sudden_rise", "possible_rerouting")
    }
    for s in score(truth, flagged, candidates(m, m.mirror())):
        assert s.recall >= 0.8, s  # few planted here; the benchmark checks the goal at scale
        assert s.false_rate <= 0.05, s


def _row(reporter: str, partner: str, flow: str, year: int, value: float) -> dict[str, object]:
    return {
        "source": "comtrade", "classification": "H6", "flow": flow, "partner": partner,
        "partner_kind": "country", "code": "930400", "level": 6, "period": year,
        "value_usd": value, "cif_usd": None, "fob_usd": None, "net_weight_kg": None,
        "quantity": None, "quantity_unit": None, "value_original": value, "currency": "USD",
        "file": "t", "line": year, "year": year, "reporter": reporter,
    }  # fmt: skip


def test_a_gap_offset_the_next_year_is_timing(tmp_path: Path, duck: Engine) -> None:
    store = TradeStore(tmp_path)
    rows = [_row("ZA", "DE", "X", y, 1_000_000) for y in (2020, 2021, 2022)]
    # 2021: half arrives that year, the rest in 2022 (timing); 2020: a gap nothing offsets.
    rows += [
        _row("DE", "ZA", "M", 2020, 200_000 * 1.06),
        _row("DE", "ZA", "M", 2021, 500_000 * 1.06),
    ]
    rows += [_row("DE", "ZA", "M", 2022, 1_500_000 * 1.06)]
    write_partitions(pa.Table.from_pylist(rows), store.parquet / "batch=t")
    out = {r["year"]: r for r in duck.rows(mirror(duck.trade(store.parquet), 1.06, 1))}
    assert out[2021]["asymmetry"] == -0.333333 and out[2021]["timing_residual"] == 0
    assert out[2020]["timing_residual"] == 1.0  # 2021's gap has the same sign: no offset
