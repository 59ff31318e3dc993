"""Asking for a job and running one. Runs are claimed with one conditional UPDATE, so two
workers (threads or processes) never run the same job twice."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from service.errors import Invalid, ServiceError
from service.jobs import worker
from service.jobs.kinds import KINDS
from service.jobs.models import Job, JobState
from service.organisations.models import Person

log = logging.getLogger(__name__)


def job_submit(*, by: Person | None, kind: str, params: dict[str, Any]) -> Job:
    """Queue a job after checking its requester and parameters (bad ones are refused now, not
    reported later on a status page)."""
    spec = KINDS.get(kind)
    if spec is None:
        raise Invalid(f"unknown job kind '{kind}'", field="kind")
    spec.check(by, params)
    job = Job.objects.create(kind=kind, requested_by=by, params=params)
    if worker.synchronous():
        job_run(job.pk)
        job.refresh_from_db()
    else:
        # After commit: the worker thread must be able to read the row it is given.
        transaction.on_commit(lambda: worker.dispatch(job.pk))
    return job


def _progress(job_id: uuid.UUID) -> Any:
    def report(step: int, steps: int, note: str) -> None:
        Job.objects.filter(pk=job_id).update(step=step, steps=steps, step_note=note[:200])

    return report


def job_run(job_id: uuid.UUID) -> bool:
    """Run a queued job to done or failed; False when another worker had claimed it."""
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    if not claimed:
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
