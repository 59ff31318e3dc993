"""Which lists a jurisdiction classifies against, and classifiers built once per list state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from torturefree.errors import InputError
from torturefree.goods.classifier import GOODS_V1, Classifier, Config
from torturefree.goods.index import EntryLike
from torturefree.goods.resources import GoodsData, load_goods_data
from torturefree.lists import Catalogue

EU = "eu-2019-125"
# The day before the United Kingdom applied its own retained lists (Brexit, 2021-01-01).
GB_EU_LISTS_ON = dt.date(2020, 12, 31)


@dataclass(frozen=True)
class Scope:
    """Instruments whose entries are answered; `related` lend their terms through corresponds_to."""

    instruments: tuple[str, ...]
    related: tuple[str, ...] = ()
    related_on: dt.date | None = None


def scope_for(jurisdiction: str) -> Scope:
    """contracts.md jurisdictions -> lists; one small function, to give way to rules' profiles."""
    code = jurisdiction.strip().upper()
    if code == "GB":
        return Scope(("gb-2019-125", "gb-eco-2008"), (EU,), GB_EU_LISTS_ON)
    if code == "US":
        return Scope(("us-15-cfr-742",), (EU,))
    if code == "EU" or code.startswith("UN-") or (len(code) == 2 and code.isalpha()):
        # A member state applies EU law (its national measures are the rules engine's concern);
        # the UN standard's options are read against the EU lists until they have their own.
        return Scope((EU,))
    raise InputError(
        f"unknown jurisdiction '{jurisdiction}'"
        " (EU, an EU member state, GB, US, UN-A, UN-A+DP, UN-B)",
        field="jurisdiction",
    )


class Classifiers:
    """One classifier per jurisdiction and state of the lists, reused across a batch's dates."""

    def __init__(
        self, catalogue: Catalogue, data: GoodsData | None = None, config: Config = GOODS_V1
    ) -> None:
        self.catalogue = catalogue
        self.data = data or load_goods_data(goods_dir(catalogue.root))
        self.config = config
        self._by_date: dict[tuple[Scope, dt.date], Classifier] = {}
        self._by_state: dict[tuple[Scope, frozenset[tuple[str, dt.date]]], Classifier] = {}

    @property
    def release(self) -> str:
        return self.catalogue.release

    def get(self, jurisdiction: str, date: dt.date) -> Classifier:
        scope = scope_for(jurisdiction)
        found = self._by_date.get((scope, date))
        if found is None:
            found = self._build(scope, date)
            self._by_date[(scope, date)] = found
        return found

    def _build(self, scope: Scope, date: dt.date) -> Classifier:
        entries = list(self.catalogue.snapshot(date, scope.instruments).entries(scope.instruments))
        related: dict[str, EntryLike] = {}
        if scope.related:
            on = scope.related_on or date
            snapshot = self.catalogue.snapshot(on, scope.related)
            related = {e.id: e for e in snapshot.entries(scope.related)}
        state = frozenset((e.id, e.version.valid_from) for e in entries + list(related.values()))
        found = self._by_state.get((scope, state))
        if found is None:
            found = Classifier(entries, self.data, related=related, config=self.config)
            self._by_state[(scope, state)] = found
        return found


def goods_dir(data_root: Path) -> Path:
    """goods_v1's own data lives beside the lists: data/goods."""
    return data_root / "goods"
