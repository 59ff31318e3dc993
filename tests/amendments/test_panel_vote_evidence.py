"""The panel check, the vote count and the evidentiary standard, as the parameters say."""

from __future__ import annotations

import datetime as dt

from tests.amendments.kit import EXPERTS, PANEL, expert, rules

from torturefree.lists.amendments.evidence import admissible, grade_all
from torturefree.lists.amendments.model import Evidence
from torturefree.lists.amendments.panel import panel_problems
from torturefree.lists.amendments.vote import Ballot, tally


def members(ids: list[str]) -> list:  # type: ignore[type-arg]
    return [EXPERTS[i] for i in ids]


def test_a_complete_panel_has_no_problem() -> None:
    assert panel_problems(rules(), members(PANEL), set()) == []


def test_too_few_members_and_regional_groups() -> None:
    problems = panel_problems(rules(), members(["e1", "e2"]), set())
    assert "2 members, the rules need at least 5" in problems
    assert "2 regional group(s), the rules need 3" in problems


def test_one_region_is_not_a_spread() -> None:
    same = [
        expert(f"w{i}", "western_european_other", "human_rights", "international_trade", "medicine")
        for i in range(5)
    ]
    assert panel_problems(rules(), same, set()) == ["1 regional group(s), the rules need 3"]


def test_missing_expertise_is_named() -> None:
    no_trade = [e for e in members(PANEL) if e.id != "e2"] + [
        expert("x", "asia_pacific", "chemistry")
    ]
    assert panel_problems(rules(), no_trade, set()) == ["no expert in international_trade"]
    no_technical = [
        expert("a", "african", "human_rights"),
        expert("b", "asia_pacific", "international_trade"),
        expert("c", "eastern_european", "human_rights"),
        expert("d", "african", "human_rights"),
        expert("f", "asia_pacific", "human_rights"),
    ]
    assert panel_problems(rules(), no_technical, set()) == [
        "no technical expertise among law_enforcement_equipment, medicine, pharmacology, chemistry,"
        " engineering, forensics"
    ]


def test_unknown_group_duplicates_and_conflicts() -> None:
    odd = [*members(PANEL), expert("z", "antarctic", "medicine"), EXPERTS["e1"]]
    problems = panel_problems(rules(), odd, {"e3"})
    assert "an expert is named twice" in problems
    assert "unknown regional group(s): antarctic" in problems
    assert "e3 declared a conflict of interest" in problems


def ballots(*choices: str) -> list[Ballot]:
    return [
        Ballot(f"e{i}", c, f"opinion {i}" if c == "no" else None) for i, c in enumerate(choices)
    ]


def test_consensus_when_nobody_objects() -> None:
    result = tally(rules(), 5, ballots("yes", "yes", "yes", "abstain"))
    assert (result.adopted, result.by, result.dissents) == (True, "consensus", [])
    assert result.words() == "adopted by consensus, 1 abstaining, 4 of 5 present"


def test_simple_majority_of_present_and_voting_keeps_the_dissents() -> None:
    result = tally(rules(), 5, ballots("yes", "yes", "no", "abstain", "abstain"))
    # 2 to 1 of those voting: abstentions are present but do not vote.
    assert (result.adopted, result.by) == (True, "majority")
    assert [(d.expert, d.opinion) for d in result.dissents] == [("e2", "opinion 2")]
    assert result.words() == "adopted by 2 votes to 1, 2 abstaining, 5 of 5 present"


def test_a_tie_is_not_a_majority() -> None:
    result = tally(rules(), 4, ballots("yes", "no", "yes", "no"))
    assert (result.adopted, result.by, len(result.dissents)) == (False, "majority", 2)


def test_quorum_is_more_than_half_the_panel() -> None:
    assert tally(rules(), 6, ballots("yes", "yes", "yes")).by == "no_quorum"
    assert tally(rules(), 5, ballots("yes", "yes", "yes")).by == "consensus"


def item(kind: str, publisher: str) -> Evidence:
    return Evidence(kind=kind, title="t", publisher=publisher, date=dt.date(2026, 1, 1))


def test_evidence_is_graded_by_its_kind() -> None:
    graded = grade_all(
        rules(), [item("cpt_report", "CoE"), item("media_report", "Daily"), item("rumour", "x")]
    )
    assert [g.grade for g in graded] == ["A", "C", None]


def test_one_grade_a_source_or_two_grade_b_publishers() -> None:
    found = rules()
    assert admissible(found, grade_all(found, [item("un_body_finding", "CAT")]))[0]
    two_b = [item("civil_society_report", "Omega"), item("national_court_judgment", "Court")]
    assert admissible(found, grade_all(found, two_b))[0]
    one_publisher = [
        item("civil_society_report", "Omega"),
        item("technical_documentation", "Omega"),
    ]
    ok, why = admissible(found, grade_all(found, one_publisher))
    assert not ok
    assert "needs 1 of grade A or 2 of grade B" in why
    assert "paragraph 122" in why
