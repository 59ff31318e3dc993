from __future__ import annotations

import pytest

from torturefree.goods.quantities import QuantityReader, by_quantity
from torturefree.goods.resources import GoodsData


@pytest.fixture(scope="module")
def reader(goods_data: GoodsData) -> QuantityReader:
    return QuantityReader(goods_data.quantities)


def figures(reader: QuantityReader, text: str) -> dict[str, list[float]]:
    return {k: [m.value for m in v] for k, v in by_quantity(reader.read(text)).items()}


def test_handcuff_figures_go_to_their_nearest_cue(reader: QuantityReader) -> None:
    found = figures(reader, "overall length 24 cm; 160 mm at last notch, first notch 210 mm")
    assert found["overall_length_locked"] == [240.0]
    assert found["inside_circumference_last_notch"] == [160.0]
    assert found["inside_circumference_first_notch"] == [210.0]


def test_decimal_comma_and_percent(reader: QuantityReader) -> None:
    assert figures(reader, "solution d'OC à 0,2 %")["pava_oc_concentration"] == [0.2]


def test_calibre_from_cartridge_designation_and_context(reader: QuantityReader) -> None:
    assert figures(reader, "OC projectile 40x46mm")["calibre"] == [40.0]
    assert figures(reader, "grenade, cal. 56 mm")["calibre"] == [56.0]


def test_barrels_and_inches(reader: QuantityReader) -> None:
    assert figures(reader, "launcher with 12 barrels")["barrels"] == [12.0]
    assert figures(reader, "baton length 21 inch")["baton_length"] == [pytest.approx(533.4)]


def test_number_without_unit_is_not_a_figure(reader: QuantityReader) -> None:
    assert figures(reader, "pack of 50 spit hoods") == {}
