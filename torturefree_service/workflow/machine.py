"""A state machine is a table: action -> (states it may start from, state it leads to)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from torturefree_service.errors import Conflict


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str


class StateMachine:
    """Allowed moves of one workflow; anything not in the table is refused."""

    def __init__(
        self, name: str, states: type[StrEnum], table: Mapping[str, tuple[tuple[str, ...], str]]
    ) -> None:
        known = {s.value for s in states}
        self.name = name
        self.states = tuple(s.value for s in states)
        self.transitions: dict[str, Transition] = {}
        for action, (sources, target) in table.items():
            unknown = (set(sources) | {target}) - known
            if unknown:
                raise ValueError(f"{name}.{action}: unknown states {sorted(unknown)}")
            self.transitions[action] = Transition(frozenset(sources), target)

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(self.transitions)

    def allows(self, state: str, action: str) -> bool:
        transition = self.transitions.get(action)
        return transition is not None and state in transition.sources

    def target(self, state: str, action: str) -> str:
        """The state `action` leads to from `state`, or Conflict naming what is allowed."""
        transition = self.transitions.get(action)
        if transition is None:
            raise ValueError(f"{self.name}: no action '{action}'")
        if state not in transition.sources:
            allowed = ", ".join(self.allowed_from(state)) or "nothing"
            raise Conflict(
                f"{self.name} in state '{state}' cannot '{action}' (allowed: {allowed})",
                field="status",
            )
        return transition.target

    def allowed_from(self, state: str) -> list[str]:
        return [a for a, t in self.transitions.items() if state in t.sources]

    def pairs(self) -> Iterator[tuple[str, str, str | None]]:
        """Every (state, action) with its target, or None when refused: what the tests enumerate."""
        for state in self.states:
            for action, transition in self.transitions.items():
                yield state, action, transition.target if state in transition.sources else None
