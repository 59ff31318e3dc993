"""Classifiers over a small fixture list tree and over the repository's real data/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from torturefree.goods.classifier import Classifier
from torturefree.goods.query import Classification, GoodsQuery
from torturefree.goods.resources import GoodsData, load_goods_data
from torturefree.goods.scope import Classifiers, goods_dir
from torturefree.lists import Catalogue, load_catalogue
from torturefree.rules.scopes import jurisdiction_classifiers

HERE = Path(__file__).parent
FIXTURE_DATA = HERE / "fixtures" / "data"
REPO_DATA = HERE.parents[1] / "data"
TODAY = dt.date(2025, 9, 1)


@pytest.fixture(scope="session")
def goods_data() -> GoodsData:
    return load_goods_data(goods_dir(REPO_DATA))


@pytest.fixture(scope="session")
def fixture_catalogue() -> Catalogue:
    return load_catalogue(FIXTURE_DATA)


@pytest.fixture(scope="session")
def fx(fixture_catalogue: Catalogue, goods_data: GoodsData) -> Classifier:
    """The fixture entries as in force in 2023 (thumb-cuffs in their second version)."""
    snapshot = fixture_catalogue.snapshot(dt.date(2023, 1, 1))
    return Classifier(snapshot.entries(), goods_data)


@pytest.fixture(scope="session")
def real() -> Classifiers:
    return jurisdiction_classifiers(load_catalogue(REPO_DATA))


@pytest.fixture(scope="session")
def eu(real: Classifiers) -> Classifier:
    """goods_v1 on the EU lists: its behaviour is what these tests pin (goods_v2 and goods_v3,
    the default since 2026-12-07, have files of their own)."""
    return real.get("EU", TODAY, "goods_v1")


def ask(classifier: Classifier, description: str | None = None, **fields: object) -> Classification:
    return classifier.classify(GoodsQuery(description=description, **fields))  # type: ignore[arg-type]


def ids(result: Classification) -> set[str]:
    return {e.id for e in result.entries}
