"""The steps of the procedure: which state allows each (style.md §10: the table is here and
nowhere else), and one handler per step that checks it against the rules and records it, or
refuses it with the rule's words before changing anything."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pydantic import ValidationError

from torturefree.lists.amendments import clocks
from torturefree.lists.amendments.errors import ProcedureError
from torturefree.lists.amendments.model import Event, Evidence, Expert
from torturefree.lists.amendments.panel import panel_problems
from torturefree.lists.amendments.state import Decision, Procedure, Question
from torturefree.lists.amendments.vote import Ballot, tally

# The steps each state allows, and the state a step leads to (None: the state stays, or the
# handler decides, as `decide` does between adopted and rejected).
ALLOWED: dict[str, set[str]] = {
    "question": {"received", "in_review"},
    "answer": {"received", "in_review"},
    "declare": {"received", "in_review"},
    "panel": {"received", "in_review"},  # replaced while nobody has voted
    "note": {"in_review"},
    "vote": {"in_review"},
    "decide": {"in_review"},
    "extend": {"adopted"},
    "object": {"adopted"},
    "withdraw": {"received", "in_review"},
}
NEXT: dict[str, str | None] = {
    "question": None,
    "answer": None,
    "declare": None,
    "panel": "in_review",
    "note": None,
    "vote": None,
    "decide": None,
    "extend": None,
    "object": None,
    "withdraw": "withdrawn",
}


def _text(event: Event, name: str = "text") -> str:
    value = event.data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ProcedureError(f"'{name}' is required", field=name)
    return value


def _question(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    until = procedure.clocks()["questions_until"]
    if until is not None and event.at > until:
        raise ProcedureError(
            f"questions may be asked until {until} ({procedure.rules.cite('questions')})",
            field="at",
        )
    to = event.data.get("to", "requester")
    if to not in ("requester", "all"):
        raise ProcedureError("a question goes to 'requester' or 'all'", field="to")
    number = len(procedure.questions) + 1
    procedure.questions.append(Question(number, event.by, to, _text(event), event.at))


def _answer(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    number = event.data.get("question")
    found = [q for q in procedure.questions if q.number == number]
    if not found:
        raise ProcedureError(f"no question {number}", field="question")
    question = found[0]
    if question.to == "requester" and event.by != procedure.request.requester:
        raise ProcedureError("only the requester answers a question put to it", field="by")
    try:
        added = [Evidence.model_validate(e) for e in event.data.get("evidence", [])]
    except ValidationError as error:
        raise ProcedureError(str(error.errors()[0]["msg"]), field="evidence") from error
    text = _text(event)
    procedure.evidence += added
    question.answers.append({"by": event.by, "at": event.at, "text": text})


def _declare(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    if event.by not in experts:
        raise ProcedureError(f"'{event.by}' is not a registered expert", field="by")
    conflict = event.data.get("conflict")
    if not isinstance(conflict, bool):
        raise ProcedureError("a declaration says whether there is a conflict", field="conflict")
    procedure.conflicts[event.by] = conflict


def _panel(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    if procedure.ballots:
        raise ProcedureError("the panel cannot change once voting has begun", field="members")
    ids = event.data.get("members") or []
    unknown = [i for i in ids if i not in experts]
    if unknown:
        raise ProcedureError(f"not registered: {', '.join(unknown)}", field="members")
    members = [experts[i] for i in ids]
    conflicted = {i for i, c in procedure.conflicts.items() if c}
    problems = panel_problems(procedure.rules, members, conflicted)
    undeclared = [i for i in ids if i not in procedure.conflicts]
    problems += [f"{i} has not declared conflicts of interest" for i in undeclared]
    if problems:
        cite = procedure.rules.cite("panel")
        raise ProcedureError(
            f"the panel cannot review: {'; '.join(problems)} ({cite})", field="members"
        )
    procedure.panel = members


def _note(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    _member(procedure, event.by)
    procedure.notes.append({"by": event.by, "at": event.at, "text": _text(event)})


def _member(procedure: Procedure, expert: str) -> None:
    if expert not in {m.id for m in procedure.panel}:
        raise ProcedureError(f"'{expert}' is not on this request's panel", field="by")


def _vote(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    _member(procedure, event.by)
    if procedure.conflicts.get(event.by):
        raise ProcedureError(f"{event.by} declared a conflict of interest", field="by")
    if event.by in procedure.ballots:
        raise ProcedureError(f"{event.by} has already voted", field="by")
    choice = event.data.get("choice")
    if choice not in ("yes", "no", "abstain"):
        raise ProcedureError("a vote is 'yes', 'no' or 'abstain'", field="choice")
    opinion = event.data.get("opinion")
    procedure.ballots[event.by] = Ballot(event.by, choice, opinion if opinion else None)


def _decide(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    if procedure.open_questions():
        numbers = ", ".join(str(q.number) for q in procedure.open_questions())
        raise ProcedureError(f"question(s) {numbers} to the requester are unanswered", field="kind")
    result = tally(procedure.rules, len(procedure.panel), list(procedure.ballots.values()))
    if result.by == "no_quorum":
        raise ProcedureError(f"{result.words()} ({procedure.rules.cite('voting')})", field="kind")
    ok, why = procedure.admissible()
    if result.adopted and not ok:
        raise ProcedureError(why, field="evidence")
    reasons = _text(event, "reasons")
    applies = objection = None
    if result.adopted:
        urgent = procedure.request.urgent
        applies = clocks.applies_from(procedure.rules, event.at, urgent)
        objection = clocks.objection_until(procedure.rules, event.at)
    procedure.decision = Decision(event.at, result, reasons, applies, objection)
    procedure.state = "adopted" if result.adopted else "rejected"


def _extend(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    decision = _within_objection(procedure, event)
    if procedure.extended:
        raise ProcedureError("the objection period was already extended", field="kind")
    procedure.extended = True
    decision.objection_until = clocks.objection_until(procedure.rules, decision.at, True)
    if not procedure.request.urgent:
        decision.applies_from = clocks.applies_from(procedure.rules, decision.at, False, True)


def _object(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    _within_objection(procedure, event)
    procedure.objections.append({"by": event.by, "at": event.at, "text": _text(event)})
    # Art. 30 as the model: an urgent amendment applied at once is repealed; an ordinary one
    # never applies.
    procedure.state = "repealed" if procedure.request.urgent else "objected"


def _within_objection(procedure: Procedure, event: Event) -> Decision:
    decision = procedure.decision
    assert decision is not None and decision.objection_until is not None  # state 'adopted'
    if event.at > decision.objection_until:
        raise ProcedureError(
            f"the objection period ended on {decision.objection_until}", field="at"
        )
    return decision


def _withdraw(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    if event.by != procedure.request.requester:
        raise ProcedureError("only the requester withdraws its request", field="by")


HANDLERS: dict[str, Callable[[Procedure, Event, Mapping[str, Expert]], None]] = {
    "question": _question,
    "answer": _answer,
    "declare": _declare,
    "panel": _panel,
    "note": _note,
    "vote": _vote,
    "decide": _decide,
    "extend": _extend,
    "object": _object,
    "withdraw": _withdraw,
}
