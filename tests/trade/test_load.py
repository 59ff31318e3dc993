"""Loading Comtrade (bulk CSV and API JSON), Comext and BACI into the Parquet store."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.trade.conftest import FIXTURES

from torturefree.errors import InputError
from torturefree.trade import Engine, TradeStore


def _rows(engine: Engine, store: TradeStore) -> list[dict[str, object]]:
    t = engine.trade(store.parquet)
    return engine.rows(t.order_by(["file", "line"]))


def test_comtrade_bulk_keeps_every_quirk(store: TradeStore, duck: Engine) -> None:
    result = store.import_file(FIXTURES / "comtrade-bulk.csv", "comtrade")
    assert result.changed and result.rows == 14
    assert result.skipped == {"aggregate code (TOTAL/AGn)": 2}
    assert result.partitions == [
        "year=2018/reporter=DE",
        "year=2019/reporter=DE",
        "year=2020/reporter=DE",
        "year=2021/reporter=AE",
        "year=2021/reporter=DE",
        "year=2021/reporter=US",
        "year=2021/reporter=ZA",
    ]
    rows = {r["line"]: r for r in _rows(duck, store)}
    assert rows[2]["reporter"] == "ZA" and rows[2]["partner"] == "DE" and rows[2]["flow"] == "X"
    assert rows[2]["fob_usd"] == 1_000_000 and rows[2]["quantity"] == 1200
    # USA is Comtrade code 842 (not ISO 840); no unit means no quantity, not zero.
    assert rows[5]["reporter"] == "US" and rows[5]["quantity"] is None
    assert rows[5]["quantity_unit"] is None and rows[5]["cif_usd"] == 106_000
    assert (rows[6]["partner"], rows[6]["partner_kind"]) == ("areas_nes", "areas_nes")
    assert rows[7]["partner_kind"] == "confidential"
    # World totals and TOTAL codes are aggregates of the other rows: counting them would double.
    assert 8 not in rows and 9 not in rows
    assert rows[11]["flow"] == "RX" and rows[11]["partner"] == "SA"
    assert rows[12]["flow"] == "RM"
    assert rows[13]["period"] == 202112 and rows[13]["year"] == 2021


def test_comtrade_api_json(store: TradeStore, duck: Engine) -> None:
    result = store.import_file(FIXTURES / "comtrade-api.json", "comtrade")
    rows = _rows(duck, store)
    assert result.rows == 2 and [r["line"] for r in rows] == [1, 2]
    assert rows[1]["classification"] == "H6" and rows[1]["value_usd"] == 1_800_000
    assert rows[1]["quantity"] is None and rows[1]["net_weight_kg"] is None


def test_comext_converts_euros_with_the_cited_rate(store: TradeStore, duck: Engine) -> None:
    result = store.import_file(FIXTURES / "comext-cn8.csv", "comext")
    assert result.rows == 5 and result.skipped
    rows = {r["line"]: r for r in _rows(duck, store)}
    first = rows[2]
    # 896 000 EUR at the 2021 ECB average of 1.1827 USD/EUR (data/trade/parameters.yaml).
    assert first["value_usd"] == 1_059_699.2 and first["value_original"] == 896_000
    assert first["currency"] == "EUR" and first["code"] == "93040000" and first["level"] == 8
    assert first["flow"] == "M" and first["period"] == 2021
    assert rows[3]["period"] == 202106 and rows[3]["flow"] == "X"
    assert rows[4]["partner_kind"] == "confidential"


def test_same_file_twice_changes_nothing(store: TradeStore) -> None:
    store.import_file(FIXTURES / "comtrade-bulk.csv", "comtrade")
    before = sorted(p.stat().st_mtime_ns for p in store.files())
    again = store.import_file(FIXTURES / "comtrade-bulk.csv", "comtrade")
    assert not again.changed and "nothing changed" in again.note
    assert sorted(p.stat().st_mtime_ns for p in store.files()) == before
    assert len(store.imports()) == 1


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        (",X,Export,404,", ",Z,Export,404,", "flowCode", 13),
        (",75000,false", ",lots,false", "primaryValue", 13),
        ("C,M,2021,202112", "C,M,2021,202113", "period", 13),
    ],
)
def test_bad_row_names_file_line_and_field_and_writes_nothing(
    store: TradeStore, tmp_path: Path, old: str, new: str, field: str, line: int
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text((FIXTURES / "comtrade-bulk.csv").read_text().replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        store.import_file(bad, "comtrade")
    assert (caught.value.field, caught.value.line, caught.value.source) == (field, line, str(bad))
    assert store.files() == [] and store.imports() == []
    assert not list(store.parquet.glob(".tmp-*")) if store.parquet.exists() else True


def test_unknown_area_code_is_bad_input(store: TradeStore, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    text = (FIXTURES / "comtrade-api.json").read_text()
    bad.write_text(
        text.replace(
            '"partnerCode": 276, "partnerISO": "DEU"', '"partnerCode": 12345, "partnerISO": null'
        )
    )
    with pytest.raises(InputError) as caught:
        store.import_file(bad, "comtrade")
    assert (caught.value.field, caught.value.line) == ("partnerCode", 1)


@pytest.mark.shared_data
def test_baci_sample_figures_by_hand(store: TradeStore, duck: Engine, shared_data: Path) -> None:
    path = (
        shared_data / "trade" / "baci_sample" / "baci_hs92_2021_zaf_afg_exports_controlled_hs.csv"
    )
    result = store.import_file(path, "baci")
    assert result.rows == 3165 and result.partitions == [
        "year=2021/reporter=AF",
        "year=2021/reporter=ZA",
    ]
    t = duck.trade(store.parquet)
    # Line 2 of the file: 2021,4,24,940161,0.938,1.854 -> Afghanistan to Angola, seats,
    # 0.938 thousand USD and 1.854 tonnes.
    first = duck.rows(t.filter(t.line == 2))[0]
    assert (first["reporter"], first["partner"], first["code"]) == ("AF", "AO", "940161")
    assert first["value_usd"] == pytest.approx(938.0) and first["net_weight_kg"] == pytest.approx(
        1854.0
    )
    # South Africa's exports of 9304 00 (other arms, e.g. spring guns) in 2021: 19 partners,
    # 7,113.05 thousand USD (summed by hand with awk over the file).
    arms = t.filter((t.reporter == "ZA") & (t.code == "930400"))
    total = duck.rows(arms.aggregate(n=arms.count(), v=arms.value_usd.sum()))[0]
    assert total["n"] == 19 and total["v"] == pytest.approx(7_113_050.0)
    assert pq.read_schema(store.files()[0]).field("value_usd").type.bit_width == 64
