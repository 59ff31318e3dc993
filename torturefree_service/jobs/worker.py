"""The in-process worker: one daemon thread, started by the first job, fed through a queue.

This is the embedded default of the architecture; a Redis-backed queue replaces `dispatch`
when one machine is not enough (the job rows and `job_run` stay as they are). With the setting
TORTUREFREE_JOBS_SYNC (or the environment variable of that name set to 1) jobs run at once in
the caller's thread: tests, and one-off commands that would exit before a thread finished.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import uuid

from django.conf import settings
from django.db import close_old_connections, connections

log = logging.getLogger(__name__)

_jobs: queue.Queue[uuid.UUID] = queue.Queue()
_lock = threading.Lock()
_thread: threading.Thread | None = None


def synchronous() -> bool:
    configured = getattr(settings, "TORTUREFREE_JOBS_SYNC", None)
    if configured is not None:
        return bool(configured)
    return os.environ.get("TORTUREFREE_JOBS_SYNC", "") == "1"


def dispatch(job_id: uuid.UUID) -> None:
    from service.jobs.services import job_run

    if synchronous():
        job_run(job_id)
        return
    _jobs.put(job_id)
    _ensure_thread()


def _ensure_thread() -> None:
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(target=_loop, name="torturefree-jobs", daemon=True)
        _thread.start()
        # Jobs a stopped process left queued are picked up too; claiming makes repeats harmless.
        from service.jobs.models import Job, JobState

        for left in Job.objects.filter(state=JobState.QUEUED).values_list("pk", flat=True):
            _jobs.put(left)


def _loop() -> None:
    from service.jobs.services import job_run

    while True:
        job_id = _jobs.get()
        try:
            close_old_connections()
            job_run(job_id)
        except Exception:  # the worker must outlive any one job
            log.exception("job %s could not be run", job_id)
        finally:
            connections.close_all()
            _jobs.task_done()


def wait_idle() -> None:
    """Block until every job handed to the thread has been run (tests, shutdown)."""
    _jobs.join()
