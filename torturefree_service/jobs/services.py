"""Asking for a job and running one. Jobs run as django-q2 tasks (jobs/tasks.py); runs are
claimed with one conditional UPDATE, so two workers never run the same job twice."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.db.models import F
from django.utils import timezone

from torturefree_service.errors import Invalid, ServiceError
from torturefree_service.jobs import dispatch
from torturefree_service.jobs.kinds import KINDS
from torturefree_service.jobs.models import Job, JobState
from torturefree_service.jobs.queue import synchronous
from torturefree_service.jobs.recovery import claimant, give_back, lost
from torturefree_service.organisations.models import Person

log = logging.getLogger(__name__)


def job_submit(*, by: Person | None, kind: str, params: dict[str, Any]) -> Job:
    """Queue a job after checking its requester and parameters (bad ones are refused now, not
    reported later on a status page)."""
    spec = KINDS.get(kind)
    if spec is None:
        raise Invalid(f"unknown job kind '{kind}'", field="kind")
    spec.check(by, params)
    job = Job.objects.create(kind=kind, requested_by=by, params=params)
    dispatch.job_dispatch(job.pk)
    if synchronous():
        job.refresh_from_db()
    return job


def _progress(job_id: uuid.UUID) -> Any:
    def report(step: int, steps: int, note: str) -> None:
        Job.objects.filter(pk=job_id).update(step=step, steps=steps, step_note=note[:200])

    return report


def _claim(job_id: uuid.UUID) -> bool:
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        claimed_by=claimant(),
    )
    if claimed:
        return True
    # Handed out again by the broker because the worker that had it died: give it back (or
    # fail it after its attempts), then try once more.
    job = Job.objects.filter(pk=job_id).first()
    if job is not None and lost(job) and give_back(job):
        return _claim(job_id)
    return False


def job_run(job_id: uuid.UUID) -> bool:
    """Run a queued job to done or failed; False when another worker had claimed it."""
    if not _claim(job_id):
        return False
    job = Job.objects.select_related("requested_by__user").get(pk=job_id)
    spec = KINDS[job.kind]
    done: dict[str, Any] = {"finished_at": None}
    try:
        result = spec.run(job.requested_by, job.params, _progress(job.pk))
    except ServiceError as error:
        # The services are atomic: a refusal leaves nothing stored, and the row says why.
        done = {"state": JobState.FAILED, "error": error.message, "error_field": error.field or ""}
    except Exception as error:  # a job must end failed, never stay "running"
        log.exception("job %s (%s) failed", job.pk, job.kind)
        done = {"state": JobState.FAILED, "error": f"{type(error).__name__}: {error}"}
    else:
        params = {k: v for k, v in job.params.items() if k not in spec.transient}
        done = {
            "state": JobState.DONE,
            "result": result.content,
            "result_name": result.name,
            "result_type": result.content_type,
            "outcome": result.outcome,
            "params": params,
        }
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **done)
    return True
