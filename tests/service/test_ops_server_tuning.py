"""The server's tuning: threads chosen by database, and the loaded law kept from the collector."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ops_kit import free_port, wait_for
from torturefree_service.ops.server import default_threads, freeze_loaded_objects

BIN = Path(sys.executable).parent / "torturefree"
PG = os.environ.get("TORTUREFREE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PREFIX = os.environ.get("TORTUREFREE_TEST_DB_PREFIX", "svc_")


def test_threads_follow_the_database() -> None:
    # SQLite takes one writer at a time; PostgreSQL's queries wait on another process.
    assert default_threads("sqlite") == 4
    assert default_threads("postgresql") == 12
    assert default_threads("mysql") == 4


def test_freezing_takes_what_is_loaded_out_of_full_collections() -> None:
    kept = [{"entry": n} for n in range(1000)]  # stands for the law a worker loads
    before = gc.get_freeze_count()
    try:
        freeze_loaded_objects()
        assert gc.get_freeze_count() >= before + len(kept)
        assert not any(obj is kept for obj in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()


@pytest.fixture
def pg_url() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    name = f"{PREFIX}serve_threads"
    try:
        admin = psycopg.connect(PG, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL at {PG}: {error}")
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield PG.rsplit("/", 1)[0] + "/" + name
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_serve_on_postgresql_runs_twelve_threads_a_process(tmp_path: Path, pg_url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TORTUREFREE"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env |= {"TORTUREFREE_HOME": str(tmp_path), "DATABASE_URL": pg_url}
    port = free_port()
    command = [str(BIN), "serve", "--no-worker", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", accept=(200, 503))
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "torturefree ready (gunicorn, 2 processes x 12 threads)" in err
