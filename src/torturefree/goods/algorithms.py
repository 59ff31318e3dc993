"""The goods classifier versions, side by side (style.md §7), and which one answers by default.

Every caller (the classify CLI, rules' description identifier, the service's API) names a version
or takes the default; every answer records the version that gave it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from torturefree.errors import InputError
from torturefree.goods.classifier import GOODS_V1, Classifier, Config
from torturefree.goods.classifier_v2 import GOODS_V2, ClassifierV2
from torturefree.goods.classifier_v3 import GOODS_V3, ClassifierV3
from torturefree.goods.index import EntryLike
from torturefree.goods.resources import GoodsData

ALGORITHMS: dict[str, Config] = {
    GOODS_V1.name: GOODS_V1,
    GOODS_V2.name: GOODS_V2,
    GOODS_V3.name: GOODS_V3,
}
# Chosen on the figures of benchmarks/goods.py (docs/goods.md, "Choosing the default"): on
# descriptions written apart from the lexicon goods_v3 finds 0.837 of the listed goods against
# goods_v1's 0.616 and refers fewer, and flags 5.1 % of ordinary goods against 3.8 %.
# goods_v1 and goods_v2 stay selectable by name.
DEFAULT_ALGORITHM = GOODS_V3.name


def get_config(name: str | None) -> Config:
    """The named version's settings; an unknown name is bad input, naming the field."""
    config = ALGORITHMS.get(name or DEFAULT_ALGORITHM)
    if config is None:
        known = ", ".join(sorted(ALGORITHMS))
        raise InputError(f"unknown goods algorithm '{name}' (known: {known})", field="algorithm")
    return config


def build_classifier(
    entries: Iterable[EntryLike],
    data: GoodsData,
    related: Mapping[str, EntryLike] | None,
    config: Config,
) -> Classifier:
    """The classifier of a version over the given entries."""
    if config.name == GOODS_V3.name:
        return ClassifierV3(entries, data, related=related, config=config)
    if config.name == GOODS_V2.name:
        return ClassifierV2(entries, data, related=related, config=config)
    return Classifier(entries, data, related=related, config=config)
