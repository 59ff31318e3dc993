"""A request's procedure from filing to decision, the urgency route and its repeal, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.amendments.kit import EXPERTS, PANEL, RECEIVED, STATE, event, filed, reviewed, rules

from torturefree.lists.amendments.errors import ProcedureError
from torturefree.lists.amendments.model import Event
from torturefree.lists.amendments.procedure import Procedure, replay, start, step

DAY = dt.timedelta(days=1)


def run(events: list[Event]) -> Procedure:
    return replay(events, rules, EXPERTS)


def votes(at: dt.date, *choices: str) -> list[Event]:
    return [
        event("vote", at, m, choice=c, opinion=f"{m} dissents" if c == "no" else None)
        for m, c in zip(PANEL, choices, strict=False)
    ]


def test_the_ordinary_route_to_adoption_with_a_dissent() -> None:
    asked = RECEIVED + 10 * DAY
    answered = RECEIVED + 30 * DAY
    events = [
        *reviewed(),
        event("question", asked, "e1", text="Which forces use the frames?"),
        event("question", asked, "e2", text="Any legitimate trade?", to="all"),
        event(
            "answer",
            answered,
            STATE,
            question=1,
            text="Two police forces",
            evidence=[
                {
                    "kind": "cpt_report",
                    "title": "CPT visit",
                    "publisher": "CPT",
                    "date": "2026-09-01",
                }
            ],
        ),
        event("answer", answered, "state-FR", question=2, text="None known"),
        event("note", answered, "e3", text="The spikes serve no restraint purpose"),
    ]
    procedure = run(events)
    assert procedure.state == "in_review"
    assert procedure.clocks()["decision_due"] == answered + dt.timedelta(weeks=20)
    assert procedure.clocks()["questions_until"] == dt.date(2027, 4, 15)
    assert len(procedure.evidence) == 2
    decided = answered + 20 * DAY
    events += [
        *votes(decided, "yes", "yes", "yes", "no", "abstain"),
        event("decide", decided, "secretariat", reasons="Clear evidence of use"),
    ]
    procedure = run(events)
    assert procedure.state == "adopted"
    decision = procedure.decision
    assert decision is not None
    assert decision.tally.by == "majority"
    assert [(d.expert, d.opinion) for d in decision.tally.dissents] == [("e4", "e4 dissents")]
    assert decision.at == dt.date(2027, 3, 6)
    assert decision.objection_until == dt.date(2027, 5, 6)
    assert decision.applies_from == dt.date(2027, 5, 7)
    assert procedure.clocks()["applies_from"] == dt.date(2027, 5, 7)


def test_an_objection_stops_an_ordinary_amendment_and_an_extension_moves_its_date() -> None:
    decided = RECEIVED + 5 * DAY
    base = [
        *reviewed(),
        *votes(decided, *["yes"] * 5),
        event("decide", decided, "secretariat", reasons="r"),
    ]
    extended = run([*base, event("extend", decided + DAY, "state-FR")])
    assert extended.decision is not None
    assert extended.decision.objection_until == dt.date(2027, 5, 20)
    assert extended.decision.applies_from == dt.date(2027, 5, 21)
    objected = run([*base, event("object", decided + 3 * DAY, "state-FR", text="Trade caught")])
    assert objected.state == "objected"


def test_the_urgency_route_applies_at_once_and_an_objection_repeals_it() -> None:
    urgent = [
        filed(urgent=True, urgency_grounds="New frames sold to a detention centre"),
        *reviewed()[1:],
    ]
    procedure = run(urgent)
    assert procedure.clocks() == {
        "questions_until": None,
        "decision_due": RECEIVED + 28 * DAY,
        "objection_until": None,
        "applies_from": None,
    }
    decided = RECEIVED + 7 * DAY
    events = [
        *urgent,
        *votes(decided, *["yes"] * 5),
        event("decide", decided, "secretariat", reasons="Clear and immediate risk"),
    ]
    adopted = run(events)
    assert adopted.decision is not None and adopted.state == "adopted"
    assert adopted.decision.applies_from == decided + DAY  # provisional application
    repealed = run([*events, event("object", decided + 10 * DAY, "state-FR", text="No risk")])
    assert repealed.state == "repealed"
    assert repealed.objections[0]["by"] == "state-FR"


def refused(events: list[Event], last: Event) -> ProcedureError:
    procedure = run(events)
    before = (procedure.state, len(procedure.events))
    with pytest.raises(ProcedureError) as caught:
        step(procedure, last, EXPERTS)
    assert (procedure.state, len(procedure.events)) == before
    return caught.value


def test_a_panel_without_declarations_or_spread_is_refused() -> None:
    error = refused([filed()], event("panel", RECEIVED, "secretariat", members=PANEL))
    assert error.field == "members"
    assert "e1 has not declared conflicts of interest" in error.reason
    conflicted = [filed(), *[event("declare", RECEIVED, m, conflict=m == "e3") for m in PANEL]]
    error = refused(conflicted, event("panel", RECEIVED, "secretariat", members=PANEL))
    assert "e3 declared a conflict of interest" in error.reason
    assert "paragraph 122" in error.reason
    error = refused([filed()], event("panel", RECEIVED, "secretariat", members=["e1", "nobody"]))
    assert error.reason == "not registered: nobody"


def test_votes_and_decisions_follow_the_rules() -> None:
    events = reviewed()
    assert refused(events, event("vote", RECEIVED, "e6", choice="yes")).field == "by"
    assert refused(events, event("vote", RECEIVED, "e1", choice="maybe")).reason == (
        "a vote is 'yes', 'no' or 'abstain'"
    )
    one = [*events, event("vote", RECEIVED, "e1", choice="yes")]
    assert refused(one, event("vote", RECEIVED, "e1", choice="no")).reason == "e1 has already voted"
    error = refused(one, event("decide", RECEIVED, "secretariat", reasons="r"))
    assert error.reason.startswith("no quorum: 1 of 5 members present")
    asked = [
        *events,
        event("question", RECEIVED, "e1", text="Where?"),
        *votes(RECEIVED, *["yes"] * 5),
    ]
    error = refused(asked, event("decide", RECEIVED, "secretariat", reasons="r"))
    assert error.reason == "question(s) 1 to the requester are unanswered"


def test_questions_close_with_their_period_and_only_the_requester_answers() -> None:
    late = dt.date(2027, 4, 16)
    error = refused(reviewed(), event("question", late, "e1", text="Late?"))
    assert error.reason.startswith("questions may be asked until 2027-04-15")
    asked = [*reviewed(), event("question", RECEIVED, "e1", text="Where?")]
    error = refused(asked, event("answer", RECEIVED, "state-FR", question=1, text="Here"))
    assert error.reason == "only the requester answers a question put to it"


def test_adoption_needs_admissible_evidence() -> None:
    weak = [{"kind": "media_report", "title": "t", "publisher": "Daily", "date": "2026-01-01"}]
    events = [filed(evidence=weak), *reviewed()[1:], *votes(RECEIVED, *["yes"] * 5)]
    error = refused(events, event("decide", RECEIVED, "secretariat", reasons="r"))
    assert error.field == "evidence"
    rejected = run(
        [
            *events[:-5],
            *votes(RECEIVED, *["no"] * 5),
            event("decide", RECEIVED, "secretariat", reasons="Not shown"),
        ]
    )
    assert rejected.state == "rejected"


def test_order_state_and_the_request_itself_are_checked() -> None:
    assert refused(reviewed(), event("extend", RECEIVED, "state-FR")).reason == (
        "'extend' is not allowed while the request is in_review"
    )
    assert refused(reviewed(), event("note", RECEIVED - DAY, "e1", text="x")).field == "at"
    assert refused([filed()], event("withdraw", RECEIVED, "state-FR")).field == "by"
    assert run([filed(), event("withdraw", RECEIVED, STATE)]).state == "withdrawn"
    with pytest.raises(ProcedureError) as caught:
        start(filed(urgent=True), rules())
    assert "urgency_grounds" in caught.value.reason
    with pytest.raises(ProcedureError) as caught:
        start(filed(change="remove"), rules())
    assert caught.value.reason.endswith("a removal carries no draft entry")
    with pytest.raises(ProcedureError) as caught:
        start(filed(entry="no slash"), rules())
    assert caught.value.field == "entry"
