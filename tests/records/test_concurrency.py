"""Parallel writers never fork the chain; a killed batch leaves nothing half-done or doubled."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from torturefree.records import Ledger, NewEvent
from torturefree.records.group import GroupFlush

WRITER = Path(__file__).with_name("writer_process.py")


def _spawn(target: str, mode: str, name: str, count: int, size: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), target, mode, name, str(count), str(size)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _parallel(target: str) -> None:
    Ledger.open(target).close()  # create the schema once, as a deployment would
    writers = [_spawn(target, "single", f"w{n}", 1, 25) for n in range(4)]
    for writer in writers:
        _, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
    with Ledger.open(target) as ledger:
        result = ledger.verify()
        actors = {entry.actor for entry in ledger.entries()}
    assert result.ok, result.reason
    assert result.entries_checked == 100
    assert actors == {"writer:w0", "writer:w1", "writer:w2", "writer:w3"}


def _crash_and_retry(target: str) -> None:
    Ledger.open(target).close()
    writer = _spawn(target, "batch", "crash", 40, 250)
    assert writer.stdout is not None
    for _ in range(3):  # let some batches commit, then kill in the middle of the next
        assert writer.stdout.readline().startswith("committed")
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=60)
    with Ledger.open(target) as ledger:
        after_crash = ledger.verify()
    assert after_crash.ok, after_crash.reason
    assert after_crash.entries_checked % 250 == 0  # whole batches or nothing
    assert 750 <= after_crash.entries_checked < 10_000
    retry = _spawn(target, "batch", "crash", 40, 250)
    _, err = retry.communicate(timeout=600)
    assert retry.returncode == 0, err
    with Ledger.open(target) as ledger:
        final = ledger.verify()
        keys = [entry.idempotency_key for entry in ledger.entries()]
    assert final.ok, final.reason
    assert final.entries_checked == 10_000 == len(set(keys))


def test_parallel_processes_on_sqlite(sqlite_path: Path) -> None:
    _parallel(str(sqlite_path))


def test_kill_during_batch_on_sqlite(sqlite_path: Path) -> None:
    _crash_and_retry(str(sqlite_path))


@pytest.mark.postgres
def test_parallel_processes_on_postgresql(pg_url: str) -> None:
    _parallel(pg_url)


@pytest.mark.postgres
def test_kill_during_batch_on_postgresql(pg_url: str) -> None:
    _crash_and_retry(pg_url)


def _threads(target: str) -> None:
    """Threads of one process sharing one open ledger (a gunicorn gthread worker's audit flush):
    their transactions must not nest on the shared connection."""
    sys.path.insert(0, str(WRITER.parent))
    from writer_process import batch

    errors: list[BaseException] = []
    with Ledger.open(target) as ledger:

        def write(name: str) -> None:
            try:
                for number in range(10):
                    ledger.append_many(batch(name, number, 5))
                    ledger.head()
            except BaseException as error:  # reported below, with the thread's name
                errors.append(error)

        workers = [threading.Thread(target=write, args=(f"t{n}",)) for n in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)
        assert not any(worker.is_alive() for worker in workers), "a writer is stuck"
        result = ledger.verify()
    assert errors == []
    assert result.ok, result.reason
    assert result.entries_checked == 200


def test_threads_sharing_a_ledger_on_sqlite(sqlite_path: Path) -> None:
    _threads(str(sqlite_path))


@pytest.mark.postgres
def test_threads_sharing_a_ledger_on_postgresql(pg_url: str) -> None:
    _threads(pg_url)


def _group_flush_into(target: str, threads: int, each: int) -> None:
    """Threads each 'commit' events (to a pending list, as the service's audit table is) and ask
    for a flush; a flush appends every pending event in one batch. Every event must be in the
    ledger once, in the order it was committed, the chain whole, and fewer flushes than asks."""
    pending: list[NewEvent] = []
    lock = threading.Lock()
    committed: list[str] = []
    errors: list[BaseException] = []
    with Ledger.open(target) as ledger:

        def flush() -> int:
            with lock:
                batch = list(pending)
            ledger.append_many(batch)  # events already appended come back unchanged
            with lock:
                del pending[: len(batch)]
            return len(batch)

        group = GroupFlush(flush)

        def work(name: str) -> None:
            try:
                for number in range(each):
                    event = NewEvent(
                        "note_added", f"case/{name}", name, {"n": number}, f"{name}:{number}"
                    )
                    with lock:
                        pending.append(event)
                        committed.append(event.idempotency_key)
                    group.request()
                    # Back from request(): its event is in the ledger, not still pending.
                    found = ledger.backend.query(
                        "SELECT seq FROM ledger_entry WHERE idempotency_key = ?",
                        (event.idempotency_key,),
                    )
                    assert found, (
                        f"{event.idempotency_key} was not flushed before request() returned"
                    )
            except BaseException as error:
                errors.append(error)

        workers = [threading.Thread(target=work, args=(f"t{n}",)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=240)
        keys = [entry.idempotency_key for entry in ledger.entries()]
        result = ledger.verify()
    assert errors == []
    assert result.ok, result.reason
    assert keys == committed  # none lost, none doubled, none reordered
    assert group.flushes <= group.asked == threads * each


def test_group_flush_appends_every_event_once_in_order_on_sqlite(sqlite_path: Path) -> None:
    _group_flush_into(str(sqlite_path), threads=6, each=15)


@pytest.mark.postgres
def test_group_flush_appends_every_event_once_in_order_on_postgresql(pg_url: str) -> None:
    _group_flush_into(pg_url, threads=6, each=15)


def test_a_flush_running_when_asked_does_not_count_a_second_one_covers_the_waiters() -> None:
    """Asks made while a flush runs wait for the next one, which covers all of them at once:
    eight asks, two flushes (the first could have read the pending rows before their commits)."""
    release = threading.Event()
    runs: list[int] = []

    def flush() -> int:
        runs.append(group.asked)
        if len(runs) == 1:
            release.wait(timeout=60)
        return len(runs)

    group: GroupFlush[int] = GroupFlush(flush)
    first = threading.Thread(target=group.request)
    first.start()
    while not runs:
        threading.Event().wait(0.01)
    others = [threading.Thread(target=group.request) for _ in range(7)]
    for other in others:
        other.start()
    while group.asked < 8:
        threading.Event().wait(0.01)
    release.set()
    for thread in [first, *others]:
        thread.join(timeout=60)
    assert runs == [1, 8]  # the second flush started after all eight had asked
    assert group.flushes == 2


def test_an_error_in_a_flush_is_raised_to_its_runner_and_the_next_ask_flushes_again() -> None:
    calls: list[str] = []

    def flush() -> None:
        calls.append("flush")
        if len(calls) == 1:
            raise RuntimeError("ledger unreachable")

    group: GroupFlush[None] = GroupFlush(flush)
    with pytest.raises(RuntimeError, match="unreachable"):
        group.request()
    group.request()
    assert calls == ["flush", "flush"]
