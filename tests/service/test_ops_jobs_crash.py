"""Real processes: the server and `torturefree worker` on one home; the worker is killed with
SIGKILL in the middle of jobs and started again: every job ends done or failed, none running."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ops_kit import free_port, start, wait_for

BIN = Path(sys.executable).parent / "torturefree"
QUEUE = """
import django, json, sys
django.setup()
from torturefree_service.jobs.services import job_submit
ids = [str(job_submit(by=None, kind="annual_report", params={"year": 2025, "format": "pdf"}).pk)
       for _ in range(int(sys.argv[1]))]
print(json.dumps(ids))
"""
STATES = """
import django, json
django.setup()
from torturefree_service.jobs.models import Job
print(json.dumps({str(j.pk): [j.state, j.attempts, j.error] for j in Job.objects.all()}))
"""


def _python(env: dict[str, str], code: str, *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def home(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TORTUREFREE"))}
    env |= {
        "TORTUREFREE_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "torturefree_service.settings",
    }
    yield env


def test_a_worker_killed_mid_job_leaves_no_job_running(home: dict[str, str]) -> None:
    port = free_port()
    server = start(
        [str(BIN), "serve", "--no-worker", "--host", "127.0.0.1", "--port", str(port)], home
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", accept=(200, 503))
        ids = _python(home, QUEUE, "6")
        worker = start([str(BIN), "worker"], home)
        try:
            running = _poll(home, lambda s: any(v[0] == "running" for v in s.values()))
            assert running, "no job started within the time allowed"
        finally:
            os.killpg(worker.pid, signal.SIGKILL)  # the cluster and its worker processes
            worker.wait(timeout=30)
        killed = _python(home, STATES)
        assert any(state == "running" for state, _, _ in killed.values())  # the crash left some
        again = start([str(BIN), "worker"], home)
        try:
            after = _poll(home, lambda s: all(v[0] in ("done", "failed") for v in s.values()))
        finally:
            again.send_signal(signal.SIGTERM)
            again.wait(timeout=60)
        assert sorted(after) == sorted(ids)
        assert all(state in ("done", "failed") for state, _, _ in after.values()), after
        retried = [v for v in after.values() if v[1] == 2]
        assert retried and all(state == "done" for state, _, _ in retried)  # run again, once
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _poll(env: dict[str, str], done: Any, seconds: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    states: dict[str, Any] = {}
    while time.monotonic() < deadline:
        states = _python(env, STATES)
        if done(states):
            return states
        time.sleep(0.3)
    return {}
