"""The core engines, built once per process (loading the law takes about a second)."""

from __future__ import annotations

import functools
import threading

from torturefree.goods.scope import Classifiers
from torturefree.lists import Catalogue
from torturefree.paths import home_dir
from torturefree.risk import RiskContext, open_context, open_store
from torturefree.rules import Engine
from torturefree.screening.store import WatchlistStore

_lock = threading.Lock()


@functools.cache
def engine() -> Engine:
    with _lock:
        return Engine()


def catalogue() -> Catalogue:
    return engine().catalogue


@functools.cache
def classifiers() -> Classifiers:
    """Classifiers scoped by the jurisdictions' profiles where the core offers that (rules.scopes)."""
    with _lock:
        try:
            from torturefree.rules.scopes import jurisdiction_classifiers  # type: ignore[import-not-found]
        except ImportError:
            return Classifiers(catalogue())
        return jurisdiction_classifiers(catalogue(), engine().rulebook)  # type: ignore[no-any-return]


@functools.cache
def risk_context() -> RiskContext:
    with _lock:
        return open_context(open_store(home_dir()))


def watchlists() -> WatchlistStore:
    return WatchlistStore(home_dir())


def parameter(parameter_id: str, on: object) -> object:
    """A dated legal parameter's value (data/parameters), as in force on a date."""
    import datetime as dt

    day = on if isinstance(on, dt.date) else dt.date.today()
    return catalogue().snapshot(day).parameter(parameter_id).value


def reset() -> None:
    """Forget cached engines (tests that change TORTUREFREE_HOME)."""
    for cached in (engine, classifiers, risk_context):
        cached.cache_clear()
