"""The django-q2 cluster configuration, from the environment (read by settings.py: no Django
imports here, settings are not loaded yet)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The longest job (an annual report over every record) takes well under this; a task still
# running after it is killed by the cluster and counted as a failed attempt.
TIMEOUT_SECONDS = 600
# A task taken from the ORM broker and not acknowledged within `retry` seconds is handed out
# again (its worker died): it must exceed the timeout, or a slow task would run twice at once.
RETRY_SECONDS = TIMEOUT_SECONDS + 120
MAX_ATTEMPTS = 2


def queue_cluster(env: Mapping[str, str]) -> dict[str, Any]:
    """Q_CLUSTER: 2 workers (the machine has 2 cores and the web server shares them)."""
    conf: dict[str, Any] = {
        "name": "torturefree",
        "workers": int(env.get("TORTUREFREE_QUEUE_WORKERS", "2")),
        "recycle": 200,  # a fresh worker process after 200 tasks bounds any slow leak
        "timeout": TIMEOUT_SECONDS,
        "retry": RETRY_SECONDS,
        "max_attempts": MAX_ATTEMPTS,
        # Failed tasks are acknowledged (our Job row records the failure and its reason), so a
        # task that raises is not handed out again and again.
        "ack_failures": True,
        "save_limit": 1000,
        # A schedule missed while the worker was stopped runs once, not once per missed slot.
        "catch_up": False,
        "poll": 0.5,
        "label": "Queue",
        "sync": env.get("TORTUREFREE_JOBS_SYNC", "") == "1",
    }
    url = env.get("TORTUREFREE_QUEUE_URL", "")
    if url.startswith(("redis://", "rediss://")):
        conf["redis"] = url
    else:
        conf["orm"] = "default"
    return conf
