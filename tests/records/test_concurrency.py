"""Parallel writers never fork the chain; a killed batch leaves nothing half-done or doubled."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from torturefree.records import Ledger

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
