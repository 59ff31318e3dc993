"""The core's summary of a jurisdiction's law (torturefree.rules.summary), from data/ alone."""

from __future__ import annotations

import datetime as dt
import functools

from torturefree.lists import load_catalogue
from torturefree.rules.rulebook import RuleBook, load_rulebook
from torturefree.rules.summary import summarise

DAY = dt.date(2026, 1, 15)


@functools.cache
def _book() -> RuleBook:
    return load_rulebook(load_catalogue())


def test_option_a_leaves_death_penalty_goods_out_and_the_opt_in_brings_them_in() -> None:
    plain = summarise(_book(), "UN-A", DAY)
    opted = summarise(_book(), "UN-A+DP", DAY)
    assert not plain.death_penalty_covered and opted.death_penalty_covered
    assert plain.category("death_penalty_only").activities["export"] == ["not_controlled"]
    assert opted.category("death_penalty_only").activities["export"] == ["prohibited"]
    assert plain.category("torture_only").controlled


def test_every_rule_carries_the_citation_of_its_clause() -> None:
    summary = summarise(_book(), "FR", DAY)
    rules = summary.applications + summary.prohibitions
    assert rules and all(r.citation["title"] for r in rules)
    museum = [r for r in summary.applications if r.clause == "museum-derogation"]
    assert {"export", "import", "transit"} <= {a for r in museum for a in r.activities}
    assert any("Article 3(2)" in r.citation["title"] for r in museum)
    assert "{" not in "".join(r.detail for r in rules)


def test_a_member_state_gets_the_eu_profile_and_its_options() -> None:
    summary = summarise(_book(), "FR", DAY).to_json()
    assert summary["profile"]["title"].startswith("European Union")
    assert summary["profile"]["options"] == {"art14_1_ban": False, "art15_4_brokering_ban": False}
    assert summary["national_measures"] is None


def test_us_law_summarises_its_own_entries() -> None:
    summary = summarise(_book(), "US", DAY)
    assert summary.profile["citation"]["title"].startswith("15 CFR Part 742")
    assert all(r.table.startswith("us.") for r in summary.applications)
