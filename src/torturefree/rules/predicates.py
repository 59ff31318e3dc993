"""The conditions a decision-table clause may state, each a named, documented predicate.

A clause's `when` maps predicate names to arguments; every predicate returns whether it holds
and the facts of the transaction it looked at, so each reason can show the facts it used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from torturefree.lists import ListSnapshot, SnapshotEntry
from torturefree.rules.transaction import Transaction

Facts = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a predicate may look at."""

    transaction: Transaction
    snapshot: ListSnapshot
    entry: SnapshotEntry
    options: dict[str, bool]


Predicate = Callable[[Any, Context], tuple[bool, Facts]]


def _names(argument: Any) -> list[str]:
    return [argument] if isinstance(argument, str) else list(argument)


def _in_set(country: str | None, set_id: str, ctx: Context) -> bool:
    return country is not None and ctx.snapshot.destinations(set_id).contains(country)


def end_use_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    end_use = ctx.transaction.end_use
    return (end_use is not None and end_use.value in _names(argument)), {
        "end_use": end_use.value if end_use else None
    }


def knowledge_includes(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    known = [k.value for k in ctx.transaction.knowledge]
    return any(k in known for k in _names(argument)), {"knowledge": known}


def origin_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    origin = ctx.transaction.origin
    return _in_set(origin, argument, ctx), {"origin": origin}


def origin_not_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    origin = ctx.transaction.origin
    return origin is not None and not _in_set(origin, argument, ctx), {"origin": origin}


def destination_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    destination = ctx.transaction.destination
    return _in_set(destination, argument, ctx), {"destination": destination}


def destination_not_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    destination = ctx.transaction.destination
    held = destination is not None and not _in_set(destination, argument, ctx)
    return held, {"destination": destination}


def destination_country_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    destination = ctx.transaction.destination
    return destination in _names(argument), {"destination": destination}


def destination_country_not_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    destination = ctx.transaction.destination
    return destination is not None and destination not in _names(argument), {
        "destination": destination
    }


def transit_through(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    """A transit asked about under a jurisdiction passes through it unless the countries say not."""
    countries = ctx.transaction.transit_countries
    held = not countries or any(_in_set(c, argument, ctx) for c in countries)
    return held, {"transit_countries": countries}


def not_transit_through(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    held, facts = transit_through(argument, ctx)
    return not held, facts


def fact_true(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    facts = {name: ctx.transaction.facts.get(name) for name in _names(argument)}
    return all(value is True for value in facts.values()), facts


def fact_false(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    """Only a fact stated false holds: an unstated fact is not taken against the applicant."""
    facts = {name: ctx.transaction.facts.get(name) for name in _names(argument)}
    return any(value is False for value in facts.values()), facts


def exporter_manufacturer(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    exporter = ctx.transaction.exporter
    value = exporter.manufacturer if exporter else None
    return value is bool(argument), {"exporter.manufacturer": value}


def option(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    enabled = {name: ctx.options.get(name, False) for name in _names(argument)}
    return all(enabled.values()), {f"option.{k}": v for k, v in enabled.items()}


def entry_in(argument: Any, ctx: Context) -> tuple[bool, Facts]:
    return ctx.entry.id in _names(argument), {"entry": ctx.entry.id}


PREDICATES: dict[str, Predicate] = {
    "end_use_in": end_use_in,
    "knowledge_includes": knowledge_includes,
    "origin_in": origin_in,
    "origin_not_in": origin_not_in,
    "destination_in": destination_in,
    "destination_not_in": destination_not_in,
    "destination_country_in": destination_country_in,
    "destination_country_not_in": destination_country_not_in,
    "transit_through": transit_through,
    "not_transit_through": not_transit_through,
    "fact_true": fact_true,
    "fact_false": fact_false,
    "exporter_manufacturer": exporter_manufacturer,
    "option": option,
    "entry_in": entry_in,
}

# Arguments naming a destination set, checked against data/destinations when rules load.
SET_ARGUMENTS = frozenset(
    {
        "origin_in",
        "origin_not_in",
        "destination_in",
        "destination_not_in",
        "transit_through",
        "not_transit_through",
    }
)
