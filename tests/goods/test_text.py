from __future__ import annotations

import pytest

from torturefree.goods.resources import GoodsData
from torturefree.goods.text import Normaliser, fold


@pytest.fixture(scope="module")
def norm(goods_data: GoodsData) -> Normaliser:
    return Normaliser(goods_data.normalisation)


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Électrochoc") == fold("ELECTROCHOC") == "electrochoc"
    assert fold("Fußfesseln") == "fussfesseln"


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("shackles", "shackle"),
        ("batons", "baton"),
        ("menottes", "menotte"),
        ("esposas", "esposa"),
        ("porras eléctricas", "porra eléctrica"),
        ("Daumenschellen", "Daumenschelle"),
        ("наручников", "наручники"),
    ],
)
def test_plural_and_singular_share_stems(norm: Normaliser, plural: str, singular: str) -> None:
    assert norm.stems(plural) == norm.stems(singular)


def test_stopwords_and_numbers_are_dropped(norm: Normaliser) -> None:
    assert norm.stems("chair with straps, 2 pcs") == (norm.stem("chair"), norm.stem("straps"))


def test_negation_lasts_until_punctuation(norm: Normaliser) -> None:
    words = norm.words("chair without shackles, with straps")
    negated = {w.surface: w.negated for w in words}
    assert negated == {"chair": False, "shackles": True, "straps": False}
