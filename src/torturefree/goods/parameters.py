"""Checking an entry's technical parameters (ParameterRule) against the figures of the goods."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from torturefree.goods.quantities import Measurement
from torturefree.lists.model import Condition, ParameterRule


class Verdict(StrEnum):
    """A rule's conditions all hold, one fails, or a figure it needs is missing."""

    HOLDS = "holds"
    FAILS = "fails"
    UNKNOWN = "unknown"


class Effect(StrEnum):
    """What a rule does to an entry that the description otherwise matches."""

    NONE = "none"
    EXCLUDES = "excludes"
    NEEDS_FIGURES = "needs_figures"
    SUPPORTS = "supports"


@dataclass(frozen=True, slots=True)
class RuleCheck:
    rule: ParameterRule
    test: Verdict
    effect: Effect
    detail: str


def evaluate_rule(
    rule: ParameterRule, figures: Mapping[str, list[Measurement]]
) -> tuple[Verdict, str]:
    """Three-valued test of all_of: any known failure decides; otherwise any gap leaves it open."""
    parts: list[str] = []
    missing = False
    for condition in rule.all_of:
        values = figures.get(condition.quantity)
        if not values:
            missing = True
            parts.append(f"{condition.quantity} not given")
            continue
        ok = all(condition.holds(v.value) for v in values)
        parts.append(
            f"{condition.quantity} {_shown(values)} {'meets' if ok else 'fails'}"
            f" {_bounds(condition)}"
        )
        if not ok:
            return Verdict.FAILS, "; ".join(parts)
    return (Verdict.UNKNOWN if missing else Verdict.HOLDS), "; ".join(parts)


def check_rule(
    rule: ParameterRule, figures: Mapping[str, list[Measurement]], about_goods: bool
) -> RuleCheck:
    """The rule's effect on the entry; an open exclusion matters only if it is about these goods."""
    test, detail = evaluate_rule(rule, figures)
    effect = Effect.NONE
    if rule.effect == "excluded":
        if test is Verdict.HOLDS:
            effect = Effect.EXCLUDES
        elif test is Verdict.UNKNOWN and (about_goods or _any_given(rule, figures)):
            effect = Effect.NEEDS_FIGURES
    elif rule.effect == "required":
        effect = {Verdict.FAILS: Effect.EXCLUDES, Verdict.UNKNOWN: Effect.NEEDS_FIGURES}.get(
            test, Effect.SUPPORTS
        )
    elif test is Verdict.HOLDS:
        effect = Effect.SUPPORTS
    return RuleCheck(rule, test, effect, detail)


def rule_words(rule: ParameterRule) -> str:
    """Words naming what a rule is about: its id ('ordinary-handcuffs'), its description's head."""
    head = re.split(r"[:(,;.]", rule.description, maxsplit=1)[0]
    return f"{rule.id.replace('_', ' ').replace('-', ' ')} {head}"


def _any_given(rule: ParameterRule, figures: Mapping[str, list[Measurement]]) -> bool:
    return any(figures.get(c.quantity) for c in rule.all_of)


def _shown(values: list[Measurement]) -> str:
    return ", ".join(f"{v.value:g}" for v in values)


def _bounds(c: Condition) -> str:
    parts = []
    if c.min is not None:
        parts.append(f">= {c.min:g}")
    if c.min_exclusive is not None:
        parts.append(f"> {c.min_exclusive:g}")
    if c.max is not None:
        parts.append(f"<= {c.max:g}")
    if c.max_exclusive is not None:
        parts.append(f"< {c.max_exclusive:g}")
    return f"{' and '.join(parts)} {c.unit}".strip()
