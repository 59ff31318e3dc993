"""The two systems of record the ledger and the store run on: SQLite and PostgreSQL, via DB-API."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from torturefree.errors import InputError
from torturefree.paths import home_dir

# One application-wide advisory lock number for the chain head: every append takes it, so each
# entry's prev_hash is the head at commit time and the chain cannot fork (ASCII "TFLEDGER").
CHAIN_LOCK_KEY = 0x54464C4544474552

DEFAULT_FILE = "records.sqlite3"


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...
    def executemany(self, sql: str, params: Sequence[Sequence[Any]], /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Backend(Protocol):
    """What the ledger and the store need from a database; SQL is written with '?' placeholders."""

    kind: str
    target: str | None

    def run_script(self, statements: Sequence[str]) -> None: ...
    def write(self) -> Any: ...
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 20_000) -> Iterator[Any]: ...
    def close(self) -> None: ...


class SQLiteBackend:
    """SQLite: BEGIN IMMEDIATE takes the database write lock, which serialises appends."""

    kind = "sqlite"

    def __init__(
        self, connection: sqlite3.Connection, owned: bool = True, target: str | None = None
    ) -> None:
        # Autocommit mode so that the transactions below are exactly the ones we open.
        connection.isolation_level = None
        self.connection = connection
        self.owned = owned
        # What another process can open to read the same database (None: not reopenable).
        self.target = target
        self.lock = _connection_lock()

    @classmethod
    def open(cls, path: Path) -> SQLiteBackend:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=120, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed ledger entry survives a power cut, not only a process crash.
        connection.execute("PRAGMA synchronous=FULL")
        return cls(connection, target=str(path.resolve()))

    def run_script(self, statements: Sequence[str]) -> None:
        with self.write() as cursor:
            for statement in statements:
                cursor.execute(statement)

    @contextmanager
    def write(self) -> Iterator[Cursor]:
        with self.lock:
            cursor = self.connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return list(self.connection.execute(sql, tuple(params)).fetchall())

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 20_000) -> Iterator[Any]:
        with self.lock:
            cursor = self.connection.execute(sql, tuple(params))
            while rows := cursor.fetchmany(size):
                yield from rows

    def close(self) -> None:
        if self.owned:
            self.connection.close()


class _PgCursor:
    """A psycopg cursor that accepts the '?' placeholders the rest of the package writes."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cursor.execute(_pg(sql), tuple(params))

    def executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> Any:
        return self._cursor.executemany(_pg(sql), params)

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresBackend:
    """PostgreSQL: a transaction-scoped advisory lock serialises appends across processes."""

    kind = "postgresql"

    def __init__(self, connection: Any, owned: bool = True, target: str | None = None) -> None:
        connection.autocommit = True
        self.connection = connection
        self.owned = owned
        self.target = target
        self.lock = _connection_lock()

    @classmethod
    def open(cls, url: str) -> PostgresBackend:
        import psycopg

        try:
            return cls(psycopg.connect(url, autocommit=True), target=url)
        except psycopg.OperationalError as error:
            raise InputError(f"cannot connect: {error}".strip(), field="database") from error

    def run_script(self, statements: Sequence[str]) -> None:
        # Concurrent CREATE ... IF NOT EXISTS can still collide in PostgreSQL: take the lock.
        with self.write() as cursor:
            for statement in statements:
                cursor.execute(statement)

    @contextmanager
    def write(self) -> Iterator[Cursor]:
        with self.lock, self.connection.transaction(), self.connection.cursor() as raw:
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (_signed(CHAIN_LOCK_KEY),))
            yield _PgCursor(raw)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock, self.connection.cursor() as cursor:
            cursor.execute(_pg(sql), tuple(params))
            return list(cursor.fetchall())

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 20_000) -> Iterator[Any]:
        # A server-side cursor inside one transaction: a consistent snapshot, constant memory.
        with (
            self.lock,
            self.connection.transaction(),
            self.connection.cursor(name="tf_stream") as cursor,
        ):
            cursor.itersize = size
            cursor.execute(_pg(sql), tuple(params))
            yield from cursor

    def close(self) -> None:
        if self.owned:
            self.connection.close()


def _connection_lock() -> threading.RLock:
    """One thread at a time on a backend's connection. A service process shares one ledger
    between its threads (gunicorn gthread): two threads' transactions on one connection nest
    (psycopg makes the second a savepoint, SQLite refuses a second BEGIN), an out-of-order exit
    leaves the connection in its transaction holding the chain's advisory lock, and every other
    appender then waits for good. Re-entrant: run_script writes through write()."""
    return threading.RLock()


def _signed(value: int) -> int:
    """PostgreSQL bigint is signed; fold the 64-bit key into its range."""
    return value - (1 << 64) if value >= (1 << 63) else value


def open_backend(target: str | Path | Any | None = None) -> SQLiteBackend | PostgresBackend:
    """A URL (postgresql://, sqlite:///), a file path, an open DB-API connection, or the default."""
    if target is None:
        return SQLiteBackend.open(home_dir() / DEFAULT_FILE)
    if isinstance(target, sqlite3.Connection):
        return SQLiteBackend(target, owned=False)
    if isinstance(target, Path):
        return SQLiteBackend.open(target)
    if isinstance(target, str):
        return _open_text(target)
    if type(target).__module__.startswith("psycopg"):
        return PostgresBackend(target, owned=False)
    raise InputError(
        f"cannot open a records database from {type(target).__name__}", field="database"
    )


def _open_text(target: str) -> SQLiteBackend | PostgresBackend:
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresBackend.open(target)
    if target.startswith("sqlite:///"):
        return SQLiteBackend.open(Path(target.removeprefix("sqlite:///")))
    if "://" in target:
        raise InputError(f"unsupported database URL '{target}'", field="database")
    return SQLiteBackend.open(Path(target))
