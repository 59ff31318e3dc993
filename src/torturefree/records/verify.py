"""Verify the whole ledger: one fast walk, or seq ranges walked by several processes at once.

Each link only needs the previous hash, so ranges can be walked apart and joined: a range is
accepted only if it is clean, complete up to the next range, and its first entry points at
the last hash of the range before. Anything else (a problem anywhere, an empty or short
range, a worker that failed) falls back to the single walk, which names the first problem
exactly as it always has; a broken ledger is rare enough to afford walking it twice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from torturefree.records.backend import Backend
from torturefree.records.chain import Checkpoint, VerifyResult, chain_result
from torturefree.records.events import GENESIS_HASH
from torturefree.records.walk import HIGHEST, LOWEST, Stretch, walk_range

# Below this many entries starting processes costs more than it saves.
PARALLEL_FROM = 200_000
WORKER_MODULE = "torturefree.records.walk_worker"

Job = tuple[int, int, int]  # low, high (inclusive), first seq expected


def verify_rows(
    backend: Backend,
    checkpoint: Checkpoint | None = None,
    workers: int = 1,
    parallel_from: int = PARALLEL_FROM,
) -> VerifyResult:
    """Walk the whole chain; with workers > 1, a large ledger is split into seq ranges."""
    stretch = _in_parallel(backend, checkpoint, workers, parallel_from)
    if stretch is None:
        stretch = walk_range(backend, LOWEST, HIGHEST, 1, GENESIS_HASH, checkpoint)
    head = stretch.last_hash or GENESIS_HASH
    if stretch.reason is not None:
        return VerifyResult(
            False, stretch.count, stretch.count, head, stretch.broken, stretch.reason
        )
    return chain_result(stretch.count, head, checkpoint)


def _in_parallel(
    backend: Backend, checkpoint: Checkpoint | None, workers: int, parallel_from: int
) -> Stretch | None:
    """The whole chain as one stretch if every range is clean and they link up, else None."""
    if workers < 2 or backend.target is None:
        return None  # a connection passed in cannot be reopened by another process
    head = int(backend.query("SELECT COALESCE(MAX(seq), 0) FROM ledger_entry")[0][0])
    if head < max(parallel_from, workers):
        return None
    starts = [1 + head * k // workers for k in range(workers)]
    # The first range reaches down and the last one up to the ends of the integers, so rows
    # with a seq outside 1..head (moved, or appended meanwhile) are walked too.
    lows = [LOWEST, *starts[1:]]
    highs = [start - 1 for start in starts[1:]] + [HIGHEST]
    jobs = list(zip(lows, highs, starts, strict=True))
    try:
        stretches = _walk_ranges(backend, jobs, checkpoint)
    except (OSError, ValueError, TypeError):
        return None  # no worker to be had, or one failed: the single walk still answers
    return _linked(stretches, starts)


def _walk_ranges(backend: Backend, jobs: list[Job], checkpoint: Checkpoint | None) -> list[Stretch]:
    """This process walks the first range while fresh interpreters walk the others."""
    started = [_start_worker(str(backend.target), job, checkpoint) for job in jobs[1:]]
    try:
        low, high, start = jobs[0]
        first = walk_range(backend, low, high, start, GENESIS_HASH, checkpoint)
        return [first, *(_result(process) for process in started)]
    finally:
        for process in started:
            process.kill()  # no-op once finished; stops the rest if this walk failed
            process.wait()


def _start_worker(target: str, job: Job, checkpoint: Checkpoint | None) -> subprocess.Popen[str]:
    # A fresh interpreter running one module, not multiprocessing: nothing of the caller's
    # main script is re-run, and no threads (DuckDB, a web server) are forked mid-lock.
    # The job goes on stdin so that a database URL with a password is not on a command line.
    process = subprocess.Popen(
        [sys.executable, "-m", WORKER_MODULE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_worker_env(),
    )
    assert process.stdin is not None
    low, high, start = job
    point = None if checkpoint is None else asdict(checkpoint)
    order = {"target": target, "low": low, "high": high, "start": start, "checkpoint": point}
    process.stdin.write(json.dumps(order))
    process.stdin.close()
    return process


def _worker_env() -> dict[str, str]:
    """The caller's environment, with this copy of torturefree importable first."""
    package_root = str(Path(__file__).resolve().parents[2])
    paths = [package_root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _result(process: subprocess.Popen[str]) -> Stretch:
    assert process.stdout is not None
    output = process.stdout.read()
    if process.wait() != 0:
        raise OSError(f"verify worker exited with {process.returncode}")
    return Stretch(**json.loads(output))


def _linked(stretches: list[Stretch], starts: list[int]) -> Stretch | None:
    """Each range clean, complete up to the next start, and pointing at the range before."""
    prev, total = GENESIS_HASH, 0
    for index, stretch in enumerate(stretches):
        if stretch.reason is not None or stretch.first_prev != prev:
            return None
        if index + 1 < len(starts) and stretch.start + stretch.count != starts[index + 1]:
            return None
        prev, total = stretch.last_hash or GENESIS_HASH, total + stretch.count
    return Stretch(1, total, GENESIS_HASH, prev)
