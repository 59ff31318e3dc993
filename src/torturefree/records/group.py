"""Group commit: threads that each need "a flush that started after my commit" share one.

A service appends its pending audit events to the ledger after every commit. Done one flush per
commit, N concurrent requests cost N advisory-lock acquisitions, N chained appends and N
transactions on the ledger, one after another. Here the first thread to ask runs the flush (the
leader); threads that ask while it runs wait, and the next leader's flush covers all of them at
once: one lock, one append of every pending event. A thread returns only once a flush that
began after it asked has finished, so "my event was flushed before I answered" still holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class GroupFlush(Generic[T]):
    """Run `flush` for every caller of `request()`, shared between concurrent callers."""

    def __init__(self, flush: Callable[[], T]) -> None:
        self._flush = flush
        self._cond = threading.Condition()
        self._asked = 0  # tickets handed out
        self._covered = 0  # every ticket up to this one saw a flush start after it
        self._running = False
        self.flushes = 0  # how many flushes ran (for tests and figures)

    @property
    def asked(self) -> int:
        """How many requests were made so far."""
        with self._cond:
            return self._asked

    def request(self) -> T | None:
        """Return once a flush that started after this call has finished; the flush's result
        when this thread ran it, None when another thread's flush covered this call. An error
        of the flush is raised in the thread that ran it only (the others' events stay
        pending for the next flush, as with a flush of their own that failed)."""
        with self._cond:
            self._asked += 1
            ticket = self._asked
            while self._covered < ticket and self._running:
                self._cond.wait()
            if self._covered >= ticket:
                return None
            self._running = True
            # Every ticket handed out so far asked before this flush reads what is pending.
            covers = self._asked
        try:
            return self._flush()
        finally:
            with self._cond:
                self._running = False
                self._covered = max(self._covered, covers)
                self.flushes += 1
                self._cond.notify_all()
