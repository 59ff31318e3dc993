"""The embedded SQLite database takes writes while pages read (#19: drafts at 200/s).

In SQLite's default rollback-journal mode a reader holding a transaction blocks a writer's
commit, so a trader's draft waits on an officer's page and times out under load; write-ahead
logging lets both proceed. These tests open the database the way the service does (the
settings' own connection options) and fail when those options stop giving that.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper
from torturefree_service.settings import database_from_url


@pytest.fixture(autouse=True)
def _own_files(django_db_blocker: Any) -> Any:
    """These connections go to files of the test's own, not the test database."""
    with django_db_blocker.unblock():
        yield


def _connection(path: Path, **options: Any) -> DatabaseWrapper:
    settings = database_from_url(f"sqlite:///{path}")
    settings |= {"OPTIONS": {**settings["OPTIONS"], **options}}  # type: ignore[dict-item]
    settings.setdefault("TIME_ZONE", None)
    for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "AUTOCOMMIT", "ATOMIC_REQUESTS"):
        settings.setdefault(key, {"CONN_MAX_AGE": 0, "AUTOCOMMIT": True}.get(key, False))
    wrapper = DatabaseWrapper(settings)
    wrapper.ensure_connection()
    return wrapper


def test_the_service_opens_sqlite_in_write_ahead_mode_with_normal_sync(tmp_path: Path) -> None:
    db = _connection(tmp_path / "records.sqlite3")
    with db.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # NORMAL: no sync while holding the write lock; the ledger's own commits sync the log.
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 1
    db.close()


def test_a_writer_commits_while_a_reader_holds_its_transaction(tmp_path: Path) -> None:
    path = tmp_path / "records.sqlite3"
    setup = _connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE drafts (id INTEGER PRIMARY KEY, reference TEXT)")
    setup.close()
    reader = _connection(path)
    reading = reader.cursor()
    reading.execute("BEGIN")
    reading.execute("SELECT count(*) FROM drafts")  # a page reading, its transaction left open
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            writer = _connection(path, timeout=1)
            with writer.cursor() as cursor:
                for i in range(5):
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("INSERT INTO drafts (reference) VALUES (%s)", [f"{n}-{i}"])
                    cursor.execute("COMMIT")
            writer.close()
        except BaseException as failure:  # collected, asserted below
            errors.append(failure)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seen_in_open_transaction = reading.execute("SELECT count(*) FROM drafts").fetchone()[0]
    reading.execute("ROLLBACK")
    with reader.cursor() as cursor:
        seen_after = cursor.execute("SELECT count(*) FROM drafts").fetchone()[0]
    reader.close()
    assert errors == []
    assert seen_in_open_transaction == 0  # the reader kept its snapshot
    assert seen_after == 20
