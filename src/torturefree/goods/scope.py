"""Classifiers built once per jurisdiction scope and state of the lists, reused across dates.

Which lists a jurisdiction classifies against is law data (data/profiles, read by
torturefree.rules): the caller passes a `resolve(jurisdiction, date) -> Scope`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from torturefree.goods.algorithms import build_classifier, get_config
from torturefree.goods.classifier import Classifier, Config
from torturefree.goods.index import EntryLike
from torturefree.goods.resources import GoodsData, load_goods_data
from torturefree.lists import Catalogue


@dataclass(frozen=True)
class Scope:
    """Instruments whose entries are answered; `related` lend their terms through corresponds_to."""

    instruments: tuple[str, ...]
    related: tuple[str, ...] = ()


Resolve = Callable[[str, dt.date], Scope]


class Classifiers:
    """One classifier per scope and period of the lists, shared by every date in the period."""

    def __init__(
        self,
        catalogue: Catalogue,
        resolve: Resolve,
        data: GoodsData | None = None,
        config: Config | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.resolve = resolve
        self.data = data or load_goods_data(goods_dir(catalogue.root))
        self.config = config or get_config(None)
        self._by_period: dict[tuple[str, int, str], Classifier] = {}
        self._by_state: dict[tuple[Scope, frozenset[tuple[str, dt.date]], str], Classifier] = {}

    @property
    def release(self) -> str:
        return self.catalogue.release

    def get(self, jurisdiction: str, date: dt.date, algorithm: str | None = None) -> Classifier:
        """The classifier for a jurisdiction on a date; `algorithm` names a version (default: ours)."""
        config = get_config(algorithm) if algorithm else self.config
        key = (jurisdiction, self.catalogue.period(date), config.name)
        found = self._by_period.get(key)
        if found is None:
            scope = self.resolve(jurisdiction, date)
            found = self._by_period[key] = self._build(scope, date, config)
        return found

    def _build(self, scope: Scope, date: dt.date, config: Config) -> Classifier:
        entries = list(self.catalogue.snapshot(date, scope.instruments).entries(scope.instruments))
        related: dict[str, EntryLike] = {}
        if scope.related:
            snapshot = self.catalogue.snapshot(date, scope.related)
            related = {e.id: e for e in snapshot.entries(scope.related)}
        state = frozenset((e.id, e.version.valid_from) for e in entries + list(related.values()))
        found = self._by_state.get((scope, state, config.name))
        if found is None:
            found = build_classifier(entries, self.data, related, config)
            self._by_state[(scope, state, config.name)] = found
        return found


def goods_dir(data_root: Path) -> Path:
    """The classifiers' own data lives beside the lists: data/goods."""
    return data_root / "goods"
