"""Reading a job: only the person who asked sees it (a job asked for anonymously is found by its
random id alone, like a link someone was given)."""

from __future__ import annotations

import uuid

from torturefree_service.errors import NotFound
from torturefree_service.jobs.models import Job
from torturefree_service.organisations.models import Person


def job_get(*, person: Person | None, job_id: uuid.UUID) -> Job:
    job = Job.objects.select_related("requested_by__user").filter(pk=job_id).first()
    if job is None or (job.requested_by_id is not None and job.requested_by != person):
        # 404 rather than 403: another person's job is not confirmed to exist.
        raise NotFound("no such job", field="id")
    return job
