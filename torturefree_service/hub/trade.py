"""The trade monitor behind the hub's trade pages (issue 15): one per process, rebuilt when the
stored trade or the dismissals change.

The analytics are `torturefree.trade` (Ibis on DuckDB, or Spark when
$TORTUREFREE_SPARK_MASTER names one); this module only decides when to open it again and keeps
one thread at a time on its connection, which DuckDB's Python connection requires.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from torturefree.trade import TradeStore, open_engine
from torturefree.trade.dismissals import Dismissals
from torturefree.trade.explain import measure_note
from torturefree.trade.flags import ALGORITHM as FLAGS
from torturefree.trade.mirror import ALGORITHM as MIRROR
from torturefree.trade.monitor import Monitor


@dataclass
class Loaded:
    stamp: tuple[Any, ...]
    monitor: Monitor
    flags: list[dict[str, Any]]


_lock = threading.Lock()
_loaded: Loaded | None = None


def _stamp(store: TradeStore) -> tuple[Any, ...]:
    """What the pages depend on: the batches stored and the dismissals file's state. A batch is
    named by its content's digest and never changes, so its name stands for its rows."""
    batches = tuple(b["batch"] for b in store.imports())
    path = Dismissals(store.root.parent).path
    kept = path.stat().st_mtime_ns if path.exists() else 0
    return batches, kept


@contextmanager
def monitor() -> Iterator[Loaded | None]:
    """The current monitor and its flags (None when no trade data was imported), held while the
    caller reads from it."""
    global _loaded
    store = TradeStore(settings.HOME)
    with _lock:
        stamp = _stamp(store)
        if not stamp[0]:
            yield None
            return
        if _loaded is None or _loaded.stamp != stamp:
            if _loaded is not None:
                _loaded.monitor.engine.close()
            opened = Monitor.open(open_engine(), store, home=settings.HOME)
            _loaded = Loaded(stamp, opened, opened.flags())
        yield _loaded


def about(m: Monitor) -> dict[str, Any]:
    """What every download says of itself: algorithm, engine, sources, parameters, batches."""
    return {
        "algorithms": [MIRROR, FLAGS],
        "engine": m.engine.kind,
        "sources": list(m.sources),
        "instruments": list(m.goods.instruments),
        "data_release": m.goods.release,
        "years": m.years,
        "batches": [b["batch"] for b in m.store.imports()],
        "measure_note": measure_note(),
    }
