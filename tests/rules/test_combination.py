"""The combination law: most restrictive wins, as an order-independent join over goods."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from torturefree.rules import Engine
from torturefree.vocabulary import Outcome

outcomes = st.sampled_from(list(Outcome))


@given(outcomes, outcomes)
def test_combine_is_commutative(a: Outcome, b: Outcome) -> None:
    assert a.combine(b) is b.combine(a)


@given(outcomes, outcomes, outcomes)
def test_combine_is_associative(a: Outcome, b: Outcome, c: Outcome) -> None:
    assert a.combine(b).combine(c) is a.combine(b.combine(c))


@given(outcomes)
def test_combine_is_idempotent_with_identity_and_absorbing_elements(a: Outcome) -> None:
    assert a.combine(a) is a
    assert a.combine(Outcome.NOT_CONTROLLED) is a
    assert a.combine(Outcome.PROHIBITED) is Outcome.PROHIBITED


def test_the_documented_order() -> None:
    order = [
        Outcome.NOT_CONTROLLED,
        Outcome.GENERAL_AUTHORISATION,
        Outcome.LICENCE_REQUIRED,
        Outcome.NEEDS_REVIEW,
        Outcome.PROHIBITED,
    ]
    assert sorted(Outcome, key=lambda o: o.severity) == order
    assert Outcome.most_restrictive([]) is Outcome.NOT_CONTROLLED


ITEMS = [
    {"entry": "eu-2019-125/thumb-cuffs"},
    {"entry": "eu-2019-125/shackles"},
    {"entry": "eu-2019-125/pentobarbital"},
    {"hs_code": "7326 90 98"},
    {"hs_code": "0901 21 00"},
    {"cas": "2444-46-4"},
    {"entry": "eu-2019-125/spit-hoods"},
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(ITEMS), min_size=1, max_size=5),
    st.sampled_from(["AR", "BR", "US", "FR"]),
    st.sampled_from(["export", "brokering", "transit", "import"]),
)
def test_a_transaction_is_the_most_restrictive_of_its_goods_in_any_order(
    engine: Engine, goods: list[dict[str, Any]], destination: str, activity: str
) -> None:
    base = {
        "jurisdiction": "EU",
        "date": "2025-09-01",
        "activity": activity,
        "origin": "DE",
        "destination": destination,
        "transit_countries": ["NL"],
    }
    whole = engine.determine(dict(base, goods=goods))
    alone = [engine.determine(dict(base, goods=[item])).outcome for item in goods]
    assert whole.outcome is Outcome.most_restrictive(alone)
    assert [g.outcome for g in whole.goods] == alone
    reversed_whole = engine.determine(dict(base, goods=list(reversed(goods))))
    assert reversed_whole.outcome is whole.outcome
