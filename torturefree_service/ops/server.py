"""The production application server: gunicorn (threads in a few processes), in this process.

Measured on the 2-core machine (benchmarks/service.py): gunicorn's threaded workers held the
target rates where the development server queued without bound; the defaults (2 processes ×
4 threads, a backlog of 128, at most 64 connections per process) are sized for 2 cores and
SQLite's one writer at a time. SIGTERM finishes the requests in flight (30 s at most).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication


@dataclass(frozen=True)
class ServerOptions:
    host: str
    port: int
    workers: int = 2
    threads: int = 4
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
        return application


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
