"""A request's procedure as a state machine over its recorded events: replaying the events gives
the state (state.py); a step the table or the rules do not allow (steps.py) is refused with the
rule's words, before it is recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from pydantic import ValidationError

from torturefree.lists.amendments.errors import ProcedureError
from torturefree.lists.amendments.model import Event, Expert, Request
from torturefree.lists.amendments.rules import Rules
from torturefree.lists.amendments.state import Procedure
from torturefree.lists.amendments.steps import ALLOWED, HANDLERS, NEXT

__all__ = ["Procedure", "replay", "start", "step"]


def start(event: Event, rules: Rules) -> Procedure:
    """The procedure of a filed request (the first event, kind 'file')."""
    if event.kind != "file":
        raise ProcedureError("a procedure starts with the request being filed", field="kind")
    try:
        request = Request.model_validate(event.data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or None
        raise ProcedureError(str(first["msg"]), field=where) from error
    return Procedure(request, event.at, rules, evidence=list(request.evidence), events=[event])


def step(procedure: Procedure, event: Event, experts: Mapping[str, Expert]) -> None:
    """Apply one event, or refuse it (ProcedureError) leaving the procedure as it was."""
    allowed = ALLOWED.get(event.kind)
    if allowed is None:
        raise ProcedureError(f"unknown step '{event.kind}'", field="kind")
    if procedure.state not in allowed:
        raise ProcedureError(
            f"'{event.kind}' is not allowed while the request is {procedure.state}", field="kind"
        )
    if event.at < procedure.events[-1].at:
        raise ProcedureError("a step cannot be dated before the previous one", field="at")
    HANDLERS[event.kind](procedure, event, experts)
    following = NEXT[event.kind]
    if following is not None:
        procedure.state = following
    procedure.events.append(event)


def replay(
    events: Iterable[Event], rules_for: Callable[[dt.date], Rules], experts: Mapping[str, Expert]
) -> Procedure:
    """The procedure the recorded events give; the rules are those of the day of receipt."""
    items = iter(events)
    first = next(items)
    procedure = start(first, rules_for(first.at))
    for event in items:
        step(procedure, event, experts)
    return procedure
