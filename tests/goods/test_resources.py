"""data/goods is consistent with the lists it speaks about."""

from __future__ import annotations

from torturefree.goods.resources import GoodsData
from torturefree.goods.scope import Classifiers


def test_every_referenced_entry_exists(goods_data: GoodsData, real: Classifiers) -> None:
    entries = set(real.catalogue.entries)
    referenced = {s.entry for s in goods_data.substances.substances}
    referenced |= {e for cue in goods_data.context.cues for e in cue.applies_to}
    assert referenced <= entries, referenced - entries


def test_every_cue_and_substance_is_cited(goods_data: GoodsData) -> None:
    assert all(c.citation.title for c in goods_data.context.cues)
    assert all(s.citation.title and s.names for s in goods_data.substances.substances)


def test_every_quantity_used_by_the_lists_can_be_read(
    goods_data: GoodsData, real: Classifiers
) -> None:
    used = {
        c.quantity
        for entry in real.catalogue.entries.values()
        for version in entry.versions
        for rule in version.parameters
        for c in rule.all_of
    }
    assert used <= set(goods_data.quantities.quantities), used - set(
        goods_data.quantities.quantities
    )
