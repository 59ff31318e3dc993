"""The django-q2 task functions of the jobs app (module-level, found by dotted path)."""

from __future__ import annotations

import uuid
from typing import Any

from torturefree_service.jobs.models import Job, JobState


def run_job(job_id: str) -> bool:
    from torturefree_service.jobs.services import job_run

    return job_run(uuid.UUID(job_id))


def sweep() -> dict[str, int]:
    """Periodic: jobs whose worker died are given back or failed (jobs/recovery.py)."""
    from torturefree_service.jobs.recovery import jobs_recover

    return jobs_recover(waiting=False)


def failed_hook(task: Any) -> None:
    """A task the cluster killed (timeout) never reaches job_run's own handler: say so."""
    if task.success or task.func != "torturefree_service.jobs.tasks.run_job" or not task.args:
        return
    Job.objects.filter(pk=task.args[0], state=JobState.RUNNING).update(
        state=JobState.FAILED, error=f"stopped by the queue: {str(task.result)[:300]}"
    )
