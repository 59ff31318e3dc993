"""Jobs a stopped worker left behind: run again (once) or failed with the reason.

A job is claimed by one worker process (`claimed_by` = host:pid). It is lost when that process
is gone (same host) or when it has been running longer than the queue's timeout (the cluster
kills a task at the timeout, so a longer run cannot still be alive anywhere).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

from django.utils import timezone

from torturefree_service.jobs.conf import MAX_ATTEMPTS, TIMEOUT_SECONDS
from torturefree_service.jobs.dispatch import job_dispatch
from torturefree_service.jobs.models import Job, JobState

GRACE = dt.timedelta(seconds=60)


def claimant() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(claimed_by: str) -> bool:
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's process: only the timeout tells
    try:
        # A killed process not yet reaped by its parent is a zombie: dead all the same.
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    except OSError:
        pass
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lost(job: Job) -> bool:
    if job.state != JobState.RUNNING:
        return False
    limit = timezone.now() - dt.timedelta(seconds=TIMEOUT_SECONDS) - GRACE
    return (job.started_at is not None and job.started_at < limit) or not _alive(job.claimed_by)


def give_back(job: Job) -> bool:
    """Queue a lost job again, or fail it once it has had its attempts; True when requeued."""
    running = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, claimed_by=job.claimed_by)
    if job.attempts < MAX_ATTEMPTS:
        return bool(running.update(state=JobState.QUEUED, step=0, step_note=""))
    running.update(
        state=JobState.FAILED,
        finished_at=timezone.now(),
        error=f"the worker stopped during this job ({job.attempts} attempts); ask again",
    )
    return False


def jobs_recover(*, waiting: bool = True) -> dict[str, int]:
    """Requeue or fail every lost job. With `waiting` (at worker start) the queued ones are
    handed to the queue again too, in case the broker lost them (Redis without persistence):
    claiming is conditional, so a job handed out twice still runs once."""
    done = {"requeued": 0, "failed": 0}
    for job in Job.objects.filter(state=JobState.RUNNING):
        if not lost(job):
            continue
        if give_back(job):
            done["requeued"] += 1
            if not waiting:
                job_dispatch(job.pk)
        else:
            done["failed"] += 1
    if waiting:
        for job_id in Job.objects.filter(state=JobState.QUEUED).values_list("pk", flat=True):
            job_dispatch(job_id)
    return done
