"""Every (state, action) of each workflow, allowed or refused, against a table written out here."""

from __future__ import annotations

import pytest
from torturefree_service.applications.states import APPLICATION
from torturefree_service.cases.states import CASE
from torturefree_service.errors import Conflict
from torturefree_service.licences.states import LICENCE
from torturefree_service.organisations.states import ORGANISATION
from torturefree_service.workflow.machine import StateMachine

# action: {source: target}; every pair not listed must be refused.
EXPECTED: dict[str, dict[str, dict[str, str]]] = {
    "application": {
        "submit": {"draft": "submitted"},
        "register": {"draft": "registered"},
        "withdraw": {"draft": "withdrawn", "submitted": "withdrawn"},
        "grant": {"submitted": "granted"},
        "refuse": {"submitted": "refused"},
        "supersede": {"submitted": "superseded"},
    },
    "case": {
        "assign": {"new": "in_review"},
        "ask": {"in_review": "awaiting_applicant"},
        "answer": {"awaiting_applicant": "in_review"},
        "advise": {"in_review": "advised"},
        "return": {"advised": "in_review"},
        "decide": {"advised": "closed"},
        "withdraw": {s: "closed" for s in ("new", "in_review", "awaiting_applicant", "advised")},
    },
    "licence": {
        "suspend": {"issued": "suspended"},
        "reinstate": {"suspended": "issued"},
        "modify": {"issued": "issued"},
        "extend": {"issued": "issued"},
        "revoke": {"issued": "revoked", "suspended": "revoked"},
        "annul": {"issued": "annulled", "suspended": "annulled"},
        "exhaust": {"issued": "exhausted"},
        "expire": {"issued": "expired", "suspended": "expired"},
    },
    "organisation": {
        "submit": {"draft": "in_review"},
        "activate": {"draft": "active", "in_review": "active", "suspended": "active"},
        "reject": {"draft": "rejected", "in_review": "rejected"},
        "suspend": {"active": "suspended"},
    },
}
MACHINES = {m.name: m for m in (APPLICATION, CASE, LICENCE, ORGANISATION)}
PAIRS = [
    (name, state, action, target)
    for name, machine in MACHINES.items()
    for state, action, target in machine.pairs()
]


def test_the_tables_name_the_same_actions() -> None:
    for name, machine in MACHINES.items():
        assert set(machine.actions) == set(EXPECTED[name]), name


@pytest.mark.parametrize(
    ("machine", "state", "action", "target"), PAIRS, ids=[f"{m}:{s}-{a}" for m, s, a, _ in PAIRS]
)
def test_each_transition_is_allowed_or_refused_as_written(
    machine: str, state: str, action: str, target: str | None
) -> None:
    expected = EXPECTED[machine][action].get(state)
    assert target == expected
    m = MACHINES[machine]
    assert m.allows(state, action) is (expected is not None)
    if expected is None:
        with pytest.raises(Conflict, match=f"cannot '{action}'"):
            m.target(state, action)
    else:
        assert m.target(state, action) == expected


def test_terminal_states_allow_nothing() -> None:
    for name, state in [
        ("application", "granted"),
        ("application", "refused"),
        ("application", "withdrawn"),
        ("application", "superseded"),
        ("case", "closed"),
        ("licence", "revoked"),
        ("licence", "annulled"),
        ("licence", "expired"),
        ("licence", "exhausted"),
        ("organisation", "rejected"),
    ]:
        assert MACHINES[name].allowed_from(state) == [], (name, state)


def test_a_table_naming_an_unknown_state_is_refused() -> None:
    from enum import StrEnum

    class S(StrEnum):
        A = "a"

    with pytest.raises(ValueError, match="unknown states"):
        StateMachine("broken", S, {"go": (("a",), "b")})
