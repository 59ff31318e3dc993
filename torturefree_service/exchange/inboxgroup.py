"""The inbox's writes of concurrent requests in one transaction, a savepoint for each message.

Each accepted message used to cost its own BEGIN … COMMIT (and the commit's ledger flush). The
threads of a server process that receive at the same moment now hand their writes (the effect,
the stored message and receipt, the audit event) to one of them, the leader, which runs them in
one transaction, each inside a savepoint of its own: one message's failure (a repeated id, an
effect that refuses) rolls back that message only. A request returns only after the commit (and
the ledger flush that follows it), so no receipt leaves before what it acknowledges is stored.
If the commit itself fails, every message of the group gets the error: none is acknowledged,
their senders retry. Whoever asks while no group runs leads the next one at once; those who ask
meanwhile wait and the next leader is one of them.

The work runs on the leader's thread and database connection: it must use only the ORM (no
connection captured from the requesting thread), as the inbox's work does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import transaction


class _Job:
    def __init__(self, work: Callable[[], Any]) -> None:
        self.work = work
        self.value: Any = None
        self.error: BaseException | None = None
        self.finished = False
        self.wake = threading.Event()


class GroupCommit:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Job] = []
        self._leading = False

    def run(self, work: Callable[[], Any]) -> Any:
        """work() in a savepoint of a transaction shared with concurrent callers; its value or
        its exception, once that transaction is committed."""
        job = _Job(work)
        with self._lock:
            self._waiting.append(job)
            lead = not self._leading
            self._leading = True
        while not (lead or job.finished):
            job.wake.wait()
            job.wake.clear()
            lead = not job.finished  # woken to lead the next group, or because it is done
        if not job.finished:
            self._lead()
        if job.error is not None:
            raise job.error
        return job.value

    def _lead(self) -> None:
        with self._lock:
            group, self._waiting = self._waiting, []
        try:
            _commit(group)
        finally:
            with self._lock:
                following = self._waiting[0] if self._waiting else None
                self._leading = following is not None
            for job in group:
                job.finished = True
                job.wake.set()
            if following is not None:
                following.wake.set()  # leads the next group


def _commit(group: list[_Job]) -> None:
    try:
        with transaction.atomic():
            for job in group:
                try:
                    with transaction.atomic():
                        job.value = job.work()
                except Exception as error:  # this message only: its savepoint rolled back
                    job.error = error
    except Exception as error:  # the commit failed: nothing of the group is stored
        for job in group:
            job.value, job.error = None, job.error or error
