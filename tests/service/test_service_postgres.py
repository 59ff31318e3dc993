"""The same service suite on real PostgreSQL: a second pytest run with DATABASE_URL set.

Skipped, saying why, when the server does not answer; a no-op inside that second run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

URL = os.environ.get("TORTUREFREE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
HERE = Path(__file__).resolve().parent


def _answers(url: str) -> str | None:
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
    return None


def _own_database(url: str) -> str:
    """The URL with a database name of this run's own: Django's test database is 'test_' + that
    name, and two runs on one server (two checkouts, a CI clone) must not drop each other's."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "postgres"
    return urlunsplit(parts._replace(path=f"/{name}_{os.getpid()}"))


@pytest.mark.postgres
def test_the_service_suite_passes_on_postgresql() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("this is the PostgreSQL run")
    problem = _answers(URL)
    if problem:
        pytest.skip(f"PostgreSQL at {URL} does not answer: {problem}")
    env = {**os.environ, "DATABASE_URL": _own_database(URL)}
    env.pop("TORTUREFREE_LEDGER_URL", None)
    env.pop("TORTUREFREE_HOME", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(HERE),
            "-q",
            "-p",
            "no:cacheprovider",
            "-x",
            "-W",
            "ignore::DeprecationWarning",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        cwd=HERE.parents[1],
    )
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0, tail
    assert " passed" in tail
