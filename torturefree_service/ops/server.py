"""The production application server: gunicorn (threads in a few processes), in this process.

Measured on the 2-core machine (benchmarks/service.py): gunicorn's threaded workers held the
target rates where the development server queued without bound; the defaults (2 processes ×
4 threads on SQLite, 12 on PostgreSQL, a backlog of 128, at most 64 connections per process)
are sized for 2 cores, SQLite's one writer at a time and PostgreSQL's round trips. SIGTERM finishes the requests in flight (30 s at most).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication

# Threads per process by database. SQLite answers in this process and takes one writer at a
# time: more threads only queue on its lock (drafts held 150/s with 4 threads, 126/s with 473
# errors with 12). A PostgreSQL query waits on another process, and a thread waiting holds
# its slot: with 4 threads determinations topped out near 170/s, with 12 near 460/s
# (docs/operations.md). 2 x 12 connections stay well under PostgreSQL's default 100.
THREADS_BY_VENDOR = {"sqlite": 4, "postgresql": 12}


def default_threads(vendor: str) -> int:
    return THREADS_BY_VENDOR.get(vendor, 4)


@dataclass(frozen=True)
class ServerOptions:
    host: str
    port: int
    workers: int = 2
    threads: int = THREADS_BY_VENDOR["sqlite"]
    backlog: int = 128
    connections: int = 64
    timeout: int = 60
    graceful_timeout: int = 30


class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn has no type hints
    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._config.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Each worker process loads the application itself (no preloading: the master's
        # database connections, opened for the migrations, are never shared across a fork).
        from django.urls import resolve

        from torturefree_service.checks import engines
        from torturefree_service.wsgi import application

        # Build the URLconf (every view module, the API's routers and schemas: about 0.5 s) and
        # load the law (about 0.9 s) before the worker takes its first connection, not inside
        # the first requests: a cold worker otherwise answers them seconds late
        # (benchmarks/service_load.py).
        resolve("/healthz")
        engines.engine()
        freeze_loaded_objects()
        return application


def freeze_loaded_objects() -> None:
    """Move what the worker loaded (the URLconf, the law, the indexes) out of the collector's
    reach. A full collection walks every tracked object, holding the GIL: with the law loaded it
    stopped the whole worker for 190-330 ms about every 1,500 requests, the p99 of
    benchmarks/service_load.py; frozen, a full collection walks only what requests left and
    took at most 25 ms (docs/operations.md). What is frozen is never freed: only objects
    loaded for the worker's whole life are here."""
    gc.collect()
    gc.freeze()


def run(options: ServerOptions, ready: Callable[[], None], stopped: Callable[[], None]) -> None:
    """Serve until SIGTERM/SIGINT; `ready` runs once the socket listens."""
    config: dict[str, Any] = {
        "bind": [
            f"[{options.host}]:{options.port}"
            if ":" in options.host
            else f"{options.host}:{options.port}"
        ],
        "workers": options.workers,
        "worker_class": "gthread",
        "threads": options.threads,
        "worker_connections": options.connections,
        "backlog": options.backlog,
        "timeout": options.timeout,
        "graceful_timeout": options.graceful_timeout,
        "keepalive": 5,
        # A worker process is replaced after so many requests (jittered): bounds any slow leak.
        # At 200 requests/s a worker is replaced about every 3 minutes; each replacement leaves
        # one process serving for a second, so fewer is better for the tail (5000 had each one
        # replaced within a minute of load).
        "max_requests": 20000,
        "max_requests_jitter": 2000,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "when_ready": lambda _server: ready(),
        "on_exit": lambda _server: stopped(),
        "proc_name": "torturefree",
    }
    _Gunicorn(config).run()
    sys.stdout.flush()
