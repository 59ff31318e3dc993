"""Where a request stands, as replaying its events builds it: the state and every record of the
procedure (panel, declarations, questions, notes, ballots, decision, objections) with its clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from torturefree.lists.amendments import clocks
from torturefree.lists.amendments.evidence import Graded, admissible, grade_all
from torturefree.lists.amendments.model import Event, Evidence, Expert, Request
from torturefree.lists.amendments.rules import Rules
from torturefree.lists.amendments.vote import Ballot, Tally

STATES = ("received", "in_review", "adopted", "rejected", "objected", "repealed", "withdrawn")


@dataclass
class Question:
    number: int
    by: str
    to: str  # "requester" or "all" (every participant, through the secretariat)
    text: str
    at: dt.date
    answers: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Decision:
    at: dt.date
    tally: Tally
    reasons: str
    applies_from: dt.date | None
    objection_until: dt.date | None


@dataclass
class Procedure:
    """Where a request stands: its state, panel, questions, votes, decision and objections."""

    request: Request
    received: dt.date
    rules: Rules
    state: str = "received"
    evidence: list[Evidence] = field(default_factory=list)
    panel: list[Expert] = field(default_factory=list)
    conflicts: dict[str, bool] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    ballots: dict[str, Ballot] = field(default_factory=dict)
    decision: Decision | None = None
    objections: list[dict[str, Any]] = field(default_factory=list)
    extended: bool = False
    events: list[Event] = field(default_factory=list)

    def graded(self) -> list[Graded]:
        return grade_all(self.rules, self.evidence)

    def admissible(self) -> tuple[bool, str]:
        return admissible(self.rules, self.graded())

    def last_answer(self) -> dt.date | None:
        days = [a["at"] for q in self.questions for a in q.answers]
        return max(days) if days else None

    def clocks(self) -> dict[str, dt.date | None]:
        """The dates the queue shows: questions until, decision due, objections until, applies."""
        urgent = self.request.urgent
        return {
            "questions_until": None if urgent else clocks.questions_by(self.rules, self.received),
            "decision_due": clocks.decision_by(
                self.rules, self.received, urgent, self.last_answer()
            ),
            "objection_until": self.decision.objection_until if self.decision else None,
            "applies_from": self.decision.applies_from if self.decision else None,
        }

    def open_questions(self) -> list[Question]:
        return [q for q in self.questions if q.to == "requester" and not q.answers]
