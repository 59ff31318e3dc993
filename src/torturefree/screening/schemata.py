"""What screening asks of FollowTheMoney's schema lattice, answered without importing it each run.

Screening asks three things of a schema: may a query of schema A match an entity of schema B
(a person never matches a company), is it a person (True, False, or None for LegalEntity, which
may be either), and is it matchable at all. Importing followthemoney to answer them costs more
than half a second, most of a `screen` run's start. So the answers for every schema FtM knows
are worked out once, when a list version's index is built, stored with the index, and learnt
from it when it is read (`learn`); only a schema no index has taught yet makes us import FtM.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Schema name -> (is_person, matchable, names of the schemata it can match).
SchemaFacts = dict[str, tuple[bool | None, bool, frozenset[str]]]

_LEARNT: SchemaFacts = {}


def all_facts() -> SchemaFacts:
    """Every schema FtM knows, with its answers (imports followthemoney: build time only)."""
    from followthemoney import model

    schemata = list(model.schemata.values())
    return {
        s.name: (
            _person(s),
            bool(s.matchable),
            frozenset(o.name for o in schemata if s.can_match(o)),
        )
        for s in schemata
    }


def _person(schema: Any) -> bool | None:
    if not schema.is_a("LegalEntity"):
        return False
    if schema.name == "LegalEntity":
        return None
    return bool(schema.is_a("Person"))


def learn(facts: SchemaFacts | None) -> None:
    """Remember the answers an index carries (a process may learn from several, all the same)."""
    if facts:
        _LEARNT.update(facts)


def _facts(schema: str) -> tuple[bool | None, bool, frozenset[str]] | None:
    found = _LEARNT.get(schema)
    if found is None and not _LEARNT:
        learn(_computed())
        found = _LEARNT.get(schema)
    return found


@lru_cache(maxsize=1)
def _computed() -> SchemaFacts:
    return all_facts()


def can_match(mine: str, theirs: str) -> bool:
    """May a query of schema `mine` match an entity of schema `theirs` (FtM's can_match)."""
    facts = _facts(mine)
    return facts is not None and theirs in facts[2] and _facts(theirs) is not None


def is_person(schema: str) -> bool | None:
    """True for a person, None for LegalEntity (either), False otherwise or unknown."""
    facts = _facts(schema)
    return facts[0] if facts is not None else False


def matchable(schema: str) -> bool:
    facts = _facts(schema)
    return facts is not None and facts[1]
