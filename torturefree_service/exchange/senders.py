"""Several messages in flight at once: a fixed set of sender threads for one delivery sweep
(and `Round`, what a sweep's passes did).

One worker sending one message at a time waits out each peer's answer (its verification, its
database, its receipt) before the next; on a peer that answers in 25 ms that is 40 messages a
second, however idle both machines are. Each thread here has its own kept-alive connection to
each peer and its own database connection, and takes the rows of a pass from a shared queue: the claim
(a compare-and-swap on the row, delivery.py) still lets only one thread or worker send a
message, so nothing is sent twice at once and every guarantee of one sender holds. The threads
live for the whole sweep (connections are not reopened per pass) and close their database
connections when it ends. The receiver's ledger writes of concurrent requests are grouped
(torturefree.records.group), so more in flight also means fewer ledger transactions.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from django.db import connections

from torturefree_service.exchange.models import OutboxMessage, OutState
from torturefree_service.exchange.transport import Transport

log = logging.getLogger(__name__)
Send = Callable[[OutboxMessage, Transport], Any]
_STOP = object()


@dataclass
class Round:
    """What passes over the outbox did: the last state reached by each message attempted."""

    states: dict[str, str] = field(default_factory=dict)

    def count(self, message_id: str, state: str) -> None:
        self.states[message_id] = state

    def merge(self, other: Round) -> None:
        self.states.update(other.states)

    def tally(self, state: str) -> int:
        return sum(1 for s in self.states.values() if s == state)

    @property
    def delivered(self) -> int:
        return self.tally(OutState.DELIVERED)

    @property
    def refused(self) -> int:
        return self.tally(OutState.REFUSED)

    @property
    def undeliverable(self) -> int:
        return self.tally(OutState.UNDELIVERABLE)

    @property
    def retrying(self) -> int:
        return self.tally(OutState.PENDING) + self.tally(OutState.SENDING)

    def summary(self) -> dict[str, int]:
        return {
            "delivered": self.delivered,
            "refused": self.refused,
            "retrying": self.retrying,
            "undeliverable": self.undeliverable,
        }


class Senders:
    """`threads` threads that run `send(message, transport)`; `run` and `results` wait for all."""

    def __init__(self, threads: int, send: Send, client: Callable[[], Transport]) -> None:
        self._send = send
        self._client = client
        self._work: queue.Queue[object] = queue.Queue()
        self._lock = threading.Lock()
        self._states: dict[str, Any] = {}
        self._threads = [
            threading.Thread(target=self._loop, name=f"exchange-sender-{n}", daemon=True)
            for n in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def run(self, messages: Iterable[OutboxMessage]) -> Round:
        """Send each message (if still due); the state each one reached."""
        return Round({pk: str(state) for pk, state in self.results(messages).items()})

    def results(self, messages: Iterable[OutboxMessage]) -> dict[str, Any]:
        """What `send` returned for each message (by id), None and failures left out."""
        with self._lock:
            self._states = {}
        for message in messages:
            self._work.put(message)
        self._work.join()
        with self._lock:
            return dict(self._states)

    def _loop(self) -> None:
        try:
            with self._client() as http:
                while (item := self._work.get()) is not _STOP:
                    try:
                        self._one(item, http)  # type: ignore[arg-type]
                    finally:
                        self._work.task_done()
                self._work.task_done()
        finally:
            connections.close_all()  # this thread's own database connections

    def _one(self, message: OutboxMessage, http: Transport) -> None:
        try:
            state = self._send(message, http)
        except Exception:  # a database hiccup: the claim's lease runs out and it is retried
            log.exception("sending %s", message.pk)
            return
        if state is not None:
            with self._lock:
                self._states[str(message.pk)] = state

    def close(self) -> None:
        for _ in self._threads:
            self._work.put(_STOP)
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> Senders:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
