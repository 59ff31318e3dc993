"""Helpers of the amendment tests: the rules of the shipped data/, experts, a request, events."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from torturefree.lists.amendments.model import Event, Expert
from torturefree.lists.amendments.rules import Rules, rules_on
from torturefree.lists.catalogue import Catalogue, load_catalogue

RECEIVED = dt.date(2027, 1, 15)
STATE = "state-NL"
FREE_CODE = "9506 91 10"  # gymnastics apparatus: on no list today


@cache
def catalogue() -> Catalogue:
    return load_catalogue()


def rules(day: dt.date = RECEIVED) -> Rules:
    return rules_on(catalogue(), day)


def expert(ident: str, group: str, *fields: str) -> Expert:
    return Expert(
        id=ident,
        name=f"Expert {ident}",
        nationality="NL",
        regional_group=group,
        fields=list(fields),
    )


# Five experts over five regional groups with human rights, trade and a technical field.
EXPERTS = {
    e.id: e
    for e in [
        expert("e1", "african", "human_rights"),
        expert("e2", "asia_pacific", "international_trade"),
        expert("e3", "eastern_european", "engineering"),
        expert("e4", "latin_american_caribbean", "medicine", "human_rights"),
        expert("e5", "western_european_other", "law_enforcement_equipment"),
        expert("e6", "western_european_other", "forensics"),
    ]
}
PANEL = ["e1", "e2", "e3", "e4", "e5"]


def request(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "R-2027-1",
        "requester": STATE,
        "change": "add",
        "entry": "eu-2019-125/spiked-restraint-frames",
        "design": "A steel frame that holds a person upright with spiked bars at the back",
        "purposes": ["restraint of detained persons"],
        "rules_broken": ["UN Convention against Torture, Article 16"],
        "evidence": [
            {
                "kind": "un_special_rapporteur_report",
                "title": "Report A/HRC/x",
                "publisher": "OHCHR",
                "date": "2026-03-01",
            },
        ],
        "hs_codes": [{"code": FREE_CODE}],
        "legitimate_trade": "None known: the frames have no use other than restraint with pain",
        "draft": {
            "annex": "III",
            "item": "9.1",
            "category": "torture_capable",
            "title": "Spiked restraint frames",
            "cn_codes": [{"code": FREE_CODE}],
        },
        "entry_terms": {"en": ["spiked restraint frame"]},
    }
    data.update(overrides)
    return data


def event(kind: str, at: dt.date, by: str, **data: Any) -> Event:
    return Event(kind=kind, at=at, by=by, data=data)


def filed(at: dt.date = RECEIVED, **overrides: Any) -> Event:
    return event("file", at, STATE, **request(**overrides))


def reviewed(at: dt.date = RECEIVED, members: list[str] | None = None) -> list[Event]:
    """Filed, every panel member declared no conflict, the panel set."""
    members = PANEL if members is None else members
    return [
        filed(at),
        *[event("declare", at, m, conflict=False) for m in members],
        event("panel", at, "secretariat", members=members),
    ]
