"""name_v4: name_v3's scores, lowered where the rare parts of the two names do not agree."""

from __future__ import annotations

import pytest

from torturefree.screening.algorithm import get_config
from torturefree.screening.index import build_index
from torturefree.screening.query import parse_query
from torturefree.screening.rules_v4 import read_by_syllables
from torturefree.screening.screen import Screener

from .conftest import listed

PERSONS = {
    "p1": ["SEBASTIANO"],
    "p2": ["CHEN, Zhu"],
    "p3": ["JIT"],
    "p4": ["ABDELMALEK DROUKDEL"],
    "p5": ["KIM Yong Chol"],
    "p6": ["SALEK, ABDULHAI"],
    "p7": ["NGUYEN Van Thanh"],
}
# Names nobody listed that share only a common part with a listed one.
OTHERS = ["Sebastiano Schleich", "成 朱", "Jet Sam"]
# Listed persons spelled otherwise: name_v4 must still find them, as name_v3 does.
FOUND = {
    "ABDELMALEK DROUKDAL": "p4",
    "Kim Yong-chol": "p5",
    "ABDULHAI SALEK": "p6",
    "Nguyen Van Thanh": "p7",
    "عبد المالك دروكدال": "p4",
}


def _screener(algorithm: str) -> Screener:
    index = build_index([listed(k, v, "Person") for k, v in PERSONS.items()])
    return Screener([index], get_config(algorithm))


def _best(screener: Screener, name: str) -> tuple[str, float] | None:
    found = screener.screen(parse_query({"name": name, "schema": "Person"}), 0.7, 1)
    return (found[0].entity_id, found[0].score) if found else None


@pytest.mark.parametrize("name", OTHERS)
def test_a_shared_common_part_alone_no_longer_alerts(name: str) -> None:
    assert _best(_screener("name_v3"), name) is not None, "the case name_v4 exists for"
    assert _best(_screener("name_v4"), name) is None


@pytest.mark.parametrize(("name", "entity"), FOUND.items())
def test_spelling_variants_are_still_found(name: str, entity: str) -> None:
    hit = _best(_screener("name_v4"), name)
    assert hit is not None and hit[0] == entity


def test_the_explanation_names_the_rule_that_lowered_the_score() -> None:
    screener = _screener("name_v4")
    [match] = [
        m
        for m in screener.score_all(parse_query({"name": "Jet Sam", "schema": "Person"}))
        if m.entity_id == "p3"
    ]
    assert match.explanation["algorithm"] == "name_v4"
    assert "single_part" in match.explanation["name"]["rule"]


def test_names_read_by_syllables() -> None:
    assert read_by_syllables("成 朱") and read_by_syllables("김정은") and read_by_syllables("田中")
    assert not read_by_syllables("Chen Zhu") and not read_by_syllables("محمد")
