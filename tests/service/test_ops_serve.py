"""`torturefree serve` as a real process: gunicorn, WhiteNoise, /healthz, SIGTERM, --role."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from ops_kit import free_port, wait_for

BIN = Path(sys.executable).parent / "torturefree"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TORTUREFREE"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env | {"TORTUREFREE_HOME": str(home)}


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.status), dict(answer.headers), bytes(answer.read())
    except urllib.error.HTTPError as error:
        return int(error.code), dict(error.headers), bytes(error.read())


def test_serve_runs_gunicorn_serves_static_files_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    command = [str(BIN), "serve", "--no-worker", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, env=_env(tmp_path), stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", accept=(200, 503))
        status, headers, body = _get(f"http://127.0.0.1:{port}/healthz")
        health: dict[str, Any] = json.loads(body)
        # No worker runs: the database answers, the worker check says no cluster is alive.
        assert status == 503 and health["database"]["ok"] and not health["worker"]["ok"]
        assert headers["Content-Type"] == "application/json"
        status, headers, css = _get(f"http://127.0.0.1:{port}/static/web/site.css")
        assert status == 200 and b"{" in css and "max-age" in headers["Cache-Control"]
        assert headers["Server"].startswith("gunicorn")
        assert _get(f"http://127.0.0.1:{port}/api/v1/openapi.json")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "torturefree ready (gunicorn, 2 processes x 4 threads)" in err
    assert "torturefree stopped" in err


def test_an_unknown_role_is_bad_input(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(BIN), "serve", "--role", "moon", "--home", str(tmp_path)],
        env=_env(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "--role" in done.stderr


@pytest.mark.parametrize("alive", [True, False])
def test_healthz_says_whether_a_worker_cluster_is_alive(
    db: Any, monkeypatch: pytest.MonkeyPatch, alive: bool
) -> None:
    from django.test import Client
    from django_q.status import Stat

    class Cluster:
        status = "Idle"
        workers = (1, 2)

    monkeypatch.setattr(Stat, "get_all", staticmethod(lambda: [Cluster()] if alive else []))
    answer = Client().get("/healthz")
    assert answer.status_code == (200 if alive else 503)
    assert answer.json()["worker"] == {"ok": alive, "clusters": int(alive), "workers": 2 * alive}
