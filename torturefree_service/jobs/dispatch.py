"""Handing a job to the queue: one module both the services and the recovery use."""

from __future__ import annotations

import uuid

from torturefree_service.jobs.queue import enqueue

TASK = "torturefree_service.jobs.tasks.run_job"
HOOK = "torturefree_service.jobs.tasks.failed_hook"


def job_dispatch(job_id: uuid.UUID) -> None:
    """On the database broker, in the caller's transaction (see jobs/queue.py)."""
    enqueue(TASK, str(job_id), group="jobs", hook=HOOK)
