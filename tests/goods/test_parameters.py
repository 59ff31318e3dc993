from __future__ import annotations

from torturefree.goods.parameters import Effect, Verdict, check_rule, evaluate_rule
from torturefree.goods.quantities import Measurement
from torturefree.lists.model import Condition, ParameterRule

RULE = ParameterRule(
    id="ordinary-handcuffs",
    effect="excluded",
    description="Ordinary handcuffs",
    all_of=[
        Condition(quantity="overall_length_locked", unit="mm", min=150, max=280),
        Condition(quantity="inside_circumference_last_notch", unit="mm", max=165),
    ],
)


def given(**values: float) -> dict[str, list[Measurement]]:
    return {k: [Measurement(k, v, k)] for k, v in values.items()}


def test_three_valued() -> None:
    both = given(overall_length_locked=240, inside_circumference_last_notch=160)
    assert evaluate_rule(RULE, both)[0] is Verdict.HOLDS
    assert evaluate_rule(RULE, given(overall_length_locked=320))[0] is Verdict.FAILS
    assert evaluate_rule(RULE, given(overall_length_locked=240))[0] is Verdict.UNKNOWN


def test_open_exclusion_matters_only_for_the_goods_it_names() -> None:
    partial = given(overall_length_locked=240)
    assert check_rule(RULE, {}, about_goods=True).effect is Effect.NEEDS_FIGURES
    assert check_rule(RULE, {}, about_goods=False).effect is Effect.NONE
    assert check_rule(RULE, partial, about_goods=False).effect is Effect.NEEDS_FIGURES


def test_required_rule_failing_excludes() -> None:
    rule = RULE.model_copy(update={"effect": "required"})
    assert check_rule(rule, given(overall_length_locked=320), True).effect is Effect.EXCLUDES
