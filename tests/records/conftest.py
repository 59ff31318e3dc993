"""Fixtures for records tests: a SQLite file per test and a throw-away PostgreSQL schema."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts" / "records"


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "records.sqlite3"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards; skips without a server."""
    psycopg = pytest.importorskip("psycopg")
    base = os.environ.get("TORTUREFREE_TEST_POSTGRES", PG_DEFAULT)
    schema = f"tf_records_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL at {base} does not answer: {error}")
    admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


@pytest.fixture
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
