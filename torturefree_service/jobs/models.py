"""A job is a row: who asked for what and when, where it stands, and what came of it."""

from __future__ import annotations

import uuid
from enum import StrEnum

from django.db import models

from torturefree_service.organisations.models import Person, choices


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(models.Model):
    # A random id: the public annual report is asked for without a login, and the id in the
    # status page's address is then the only thing that leads to the file.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    requested_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="jobs"
    )
    params = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=choices(JobState), default=JobState.QUEUED)
    step = models.PositiveSmallIntegerField(default=0)
    steps = models.PositiveSmallIntegerField(default=0)
    step_note = models.CharField(max_length=200, blank=True)
    # Reports are a few hundred kilobytes at most: kept in the row, so any process can serve them.
    result = models.BinaryField(null=True, blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    error_field = models.CharField(max_length=200, blank=True)
    # Which worker process runs it (host:pid) and how many times one has started it: a job
    # whose process died is run again once, then failed with the reason (jobs/recovery.py).
    claimed_by = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"], name="job_state_created")]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
