"""Every flag on the fixtures: raised where it should be, with its why, parameters and records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.records.scenario import Scenario

from torturefree.trade import Engine, TradeStore, load_parameters
from torturefree.trade.dismissals import Dismissals
from torturefree.trade.licences import licences_from_store
from torturefree.trade.monitor import Monitor


@pytest.fixture
def monitor(loaded: TradeStore, duck: Engine, tmp_path: Path) -> Monitor:
    scenario = Scenario().apply("A1", "2021-03-01", partner="US", quantity=1000)
    scenario.decide("A1", 1, "2021-03-10", "issued", line_version=1)
    scenario.tables(tmp_path)  # writes tmp_path/scenario.sqlite3
    lic = licences_from_store(tmp_path / "scenario.sqlite3", [2021], load_parameters())
    return Monitor.open(duck, loaded, licences=lic)


def _of(flags: list[dict[str, Any]], kind: str) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {tuple(f["keys"].values()): f for f in flags if f["kind"] == kind}


def test_licences_from_the_records_store(tmp_path: Path) -> None:
    scenario = Scenario().apply("A1", "2021-03-01", partner="US", quantity=1000)
    scenario.decide("A1", 1, "2021-03-10", "issued", line_version=1).tables(tmp_path)
    rows = licences_from_store(
        tmp_path / "scenario.sqlite3", [2021, 2022], load_parameters()
    ).to_pylist()
    # 1000 pieces x 10 EUR at 1.1827 USD/EUR (2021); nothing granted in 2022.
    assert rows == [
        {
            "reporter": "DE",
            "flow": "X",
            "partner": "US",
            "code6": "732690",
            "year": 2021,
            "authorised_usd": 11827.0,
            "licences": 1,
        }
    ]


def test_prohibited_goods_name_the_entry_and_say_upper_bound(monitor: Monitor) -> None:
    flags = _of(monitor.flags(["prohibited_goods"]), "prohibited_goods")
    chairs = flags[("ZA", "KE", "940161", 2021, "exporter", "comtrade")]
    assert chairs["measure"] == "upper_bound"
    assert [e["id"] for e in chairs["entries"]] == ["eu-2019-125/restraint-chairs"]
    assert chairs["parameters"][0]["parameter"] == "prohibited_min_value_usd"
    assert [(r["file"], r["line"]) for r in monitor.records(chairs)] == [("comtrade-bulk.csv", 13)]
    # Barbiturates are death-penalty-capable, not prohibited.
    assert not any(k[2] == "293353" for k in flags)


def test_death_penalty_capable_goods_to_retentionist_destinations(monitor: Monitor) -> None:
    flags = _of(monitor.flags(["death_penalty_destination"]), "death_penalty_destination")
    flag = flags[("ZA", "AE", "293353", 2021, "importer", "comtrade")]
    assert flag["facts"][0]["death_penalty_status"] == "retentionist"
    assert "amnesty-death-penalty" in flag["facts"][0]["source"]
    assert {e["category"] for e in flag["entries"]} == {"death_penalty_capable"}
    # Germany (abolitionist) importing the same code from the Netherlands is not flagged.
    assert all(k[1] != "DE" for k in flags)


def test_large_asymmetry_only_where_both_report_and_nothing_explains_it(monitor: Monitor) -> None:
    flags = _of(monitor.flags(["large_asymmetry"]), "large_asymmetry")
    us = flags[("ZA", "US", "930400", 2021)]
    assert us["figures"]["asymmetry"] == pytest.approx(-0.666667)
    assert {p["parameter"] for p in us["parameters"]} >= {"cif_fob_factor", "asymmetry_threshold"}
    assert sorted(r["line"] for r in monitor.records(us)) == [4, 5]
    assert ("ZA", "DE", "930400", 2021) not in flags  # A = 0 once CIF/FOB is taken off
    assert ("ZA", "KE", "940161", 2021) not in flags  # Kenya reported nothing


def test_sudden_rise_against_own_history(monitor: Monitor) -> None:
    flags = _of(monitor.flags(["sudden_rise"]), "sudden_rise")
    # Germany's imports of 9304 00 from 2018: 300 000 a year, then 1 060 000 in 2021.
    rise = flags[("DE", "M", "930400", 2021)]
    assert rise["figures"]["value"] == 1_060_000 and rise["figures"]["prior_mean"] == 300_000
    assert "3 times the mean of the 3 years" in rise["why"]
    # South Africa reports from 2021 only: its earlier years are unknown, not zero.
    assert not any(k[0] == "ZA" for k in flags)


def test_possible_rerouting(monitor: Monitor) -> None:
    flags = _of(monitor.flags(["possible_rerouting"]), "possible_rerouting")
    flag = flags[("ZA", "AE", "SA", "293353", 2021)]
    assert flag["figures"] == {"sent": 210_000, "received": 210_000, "re_exported": 180_000}
    lines = sorted((r["flow"], r["line"]) for r in monitor.records(flag))
    assert lines == [("M", 10), ("RX", 11)]


def test_trade_above_licensed(monitor: Monitor) -> None:
    flags = _of(monitor.flags(["above_licensed"]), "above_licensed")
    flag = flags[("DE", "X", "US", "732690", 2021)]
    assert flag["figures"]["licensed"] == 11_827 and flag["figures"]["traded"] == 90_000
    assert "unlisted goods" in flag["why"] and flag["measure"] == "upper_bound"
    assert len(flags) == 1  # only states with licence data, only their licensed codes


def test_dismissal_is_kept_with_its_reason(monitor: Monitor, loaded: TradeStore) -> None:
    flag = monitor.flags(["large_asymmetry"])[0]
    Dismissals(loaded.root.parent).dismiss(flag["id"], "new police contract, licensed", "analyst:7")
    again = next(f for f in monitor.flags(["large_asymmetry"]) if f["id"] == flag["id"])
    assert again["dismissed"]["reason"] == "new police contract, licensed"
    assert again["dismissed"]["analyst"] == "analyst:7"
