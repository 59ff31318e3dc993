"""The core engines, built once per process (loading the law takes about a second)."""

from __future__ import annotations

import datetime as dt
import functools
import threading
from dataclasses import replace
from typing import Any

from torturefree.goods.scope import Classifiers
from torturefree.lists import Catalogue, DataError
from torturefree.paths import home_dir
from torturefree.risk import RiskContext, open_context, open_store
from torturefree.risk.errors import RiskError
from torturefree.risk.law import DestinationAnswer
from torturefree.rules import Engine
from torturefree.rules.scopes import jurisdiction_classifiers
from torturefree.screening.store import WatchlistStore

# Reentrant: classifiers() builds the engine under the same lock on first use.
_lock = threading.RLock()


@functools.cache
def engine() -> Engine:
    with _lock:
        return Engine()


def catalogue() -> Catalogue:
    return engine().catalogue


@functools.cache
def classifiers() -> Classifiers:
    """Classifiers scoped by the jurisdictions' profiles, as determinations are (rules.scopes)."""
    with _lock:
        return jurisdiction_classifiers(catalogue(), engine().rulebook)


class LoadedLaw:
    """Annex V membership from the catalogue this process already loaded.

    The core's CatalogueLaw reads the law files again on every call (about a second), which a
    submit cannot afford; the answer is the same, from the same data.
    """

    def __init__(self, set_id: str) -> None:
        self.set_id = set_id

    def general_authorisation(self, country: str, date: dt.date) -> DestinationAnswer:
        try:
            snapshot = catalogue().snapshot(date)
            members = snapshot.destinations(self.set_id)
        except (DataError, KeyError) as error:
            raise RiskError(f"law data: {error}") from error
        member = members.member(country)
        source = member.citation if member else members.source.citation
        return DestinationAnswer(
            member=member is not None,
            set_title=members.title,
            citation_title=source.title,
            citation_href=source.href,
            valid_from=member.valid_from if member else None,
            release=snapshot.release,
        )


@functools.cache
def risk_context() -> RiskContext:
    with _lock:
        context = open_context(open_store(home_dir()))
        return replace(context, law=LoadedLaw(context.config.destination_set))


def watchlists() -> WatchlistStore:
    return WatchlistStore(home_dir())


def parameter(parameter_id: str, on: object) -> Any:
    """A dated legal parameter's value (data/parameters), as in force on a date; its shape is
    the parameter file's (a number, or a mapping such as validity bounds)."""
    day = on if isinstance(on, dt.date) else dt.date.today()
    return catalogue().snapshot(day).parameter(parameter_id).value


def reset() -> None:
    """Forget cached engines (tests that change TORTUREFREE_HOME)."""
    for cached in (engine, classifiers, risk_context):
        cached.cache_clear()
