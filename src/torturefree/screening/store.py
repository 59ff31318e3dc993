"""Watchlist versions in one SQLite database under the state home; every import is one transaction.

The Django service calls these same functions: nothing here knows about the CLI.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from torturefree import paths
from torturefree.errors import InputError
from torturefree.screening.targets import entity_hash

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL, format TEXT NOT NULL,
  source TEXT NOT NULL, imported_at TEXT NOT NULL, entity_count INTEGER NOT NULL,
  content_hash TEXT NOT NULL, UNIQUE (name, version));
CREATE TABLE IF NOT EXISTS entities (
  version_id INTEGER NOT NULL REFERENCES versions(id), entity_id TEXT NOT NULL,
  schema TEXT NOT NULL, hash TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (version_id, entity_id));
CREATE TABLE IF NOT EXISTS thresholds (
  name TEXT NOT NULL, threshold REAL NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL,
  reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dispositions (
  id INTEGER PRIMARY KEY, subject_key TEXT NOT NULL, watchlist TEXT NOT NULL,
  entity_id TEXT NOT NULL, entity_hash TEXT NOT NULL, status TEXT NOT NULL, actor TEXT NOT NULL,
  reason TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT);
CREATE TABLE IF NOT EXISTS subjects (
  subject_key TEXT PRIMARY KEY, query TEXT NOT NULL, added_at TEXT NOT NULL);
"""


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class VersionInfo:
    """One imported version of one named watchlist: the data version results record."""

    name: str
    version: int
    format: str
    source: str
    imported_at: str
    entity_count: int
    content_hash: str

    @property
    def data_version(self) -> str:
        return f"{self.name}@{self.version}#{self.content_hash[:12]}"

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "data_version": self.data_version}


@dataclass
class Diff:
    """What changed between two versions, by the source's own entity ids."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "counts": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
        }


def content_hash(hashes: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for entity_id in sorted(hashes):
        digest.update(f"{entity_id}\t{hashes[entity_id]}\n".encode())
    return digest.hexdigest()


class WatchlistStore:
    """Versions, entities, thresholds, dispositions and stored subjects in one SQLite file."""

    def __init__(self, home: Path | None = None) -> None:
        self.folder = (home if home is not None else paths.home_dir()) / "watchlists"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "screening.sqlite3"
        with self.connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed on success, rolled back on any error."""
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        try:
            with db:
                yield db
        finally:
            db.close()

    def import_entities(
        self, name: str, fmt: str, source: str, entities: list[dict[str, Any]]
    ) -> tuple[VersionInfo, Diff, bool]:
        """Store a new version unless the content equals the latest; returns (version, diff, new)."""
        check_name(name)
        hashes = {str(e["id"]): entity_hash(e) for e in entities}
        digest = content_hash(hashes)
        with self.connect() as db:
            latest = self._latest(db, name)
            if latest is not None and latest.content_hash == digest:
                return latest, Diff(), False
            old = self._hashes(db, name, latest.version) if latest else {}
            number = (latest.version if latest else 0) + 1
            info = VersionInfo(name, number, fmt, source, now(), len(hashes), digest)
            cursor = db.execute(
                "INSERT INTO versions (name, version, format, source, imported_at, entity_count,"
                " content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (name, number, fmt, source, info.imported_at, len(hashes), digest),
            )
            db.executemany(
                "INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        cursor.lastrowid,
                        str(e["id"]),
                        e["schema"],
                        hashes[str(e["id"])],
                        json.dumps(e, ensure_ascii=False),
                    )
                    for e in entities
                ],
            )
        return info, diff_hashes(old, hashes), True

    def versions(self, name: str | None = None) -> list[VersionInfo]:
        with self.connect() as db:
            rows = db.execute(
                "SELECT name, version, format, source, imported_at, entity_count, content_hash"
                " FROM versions WHERE ? IS NULL OR name = ? ORDER BY name, version",
                (name, name),
            )
            return [VersionInfo(*row) for row in rows]

    def latest(self, name: str) -> VersionInfo:
        with self.connect() as db:
            info = self._latest(db, name)
        if info is None:
            raise InputError(f"no watchlist named {name!r} has been imported", field="watchlist")
        return info

    def get_version(self, name: str, version: int | None = None) -> VersionInfo:
        if version is None:
            return self.latest(name)
        for info in self.versions(name):
            if info.version == version:
                return info
        raise InputError(f"watchlist {name!r} has no version {version}", field="version")

    def entities(self, name: str, version: int) -> list[dict[str, Any]]:
        with self.connect() as db:
            rows = db.execute(
                "SELECT e.data FROM entities e JOIN versions v ON v.id = e.version_id"
                " WHERE v.name = ? AND v.version = ? ORDER BY e.entity_id",
                (name, version),
            )
            return [json.loads(row[0]) for row in rows]

    def entities_with_keyword(self, name: str, version: int, keyword: str) -> list[dict[str, Any]]:
        """Entities of a version tagged with a keyword, and the Sanction entities listing them."""
        with self.connect() as db:
            rows = db.execute(
                "SELECT e.data FROM entities e JOIN versions v ON v.id = e.version_id"
                " WHERE v.name = ? AND v.version = ? AND e.data LIKE ? ORDER BY e.entity_id",
                (name, version, f'%"{keyword}"%'),
            )
            subjects = [json.loads(row[0]) for row in rows]
            keyed = [s for s in subjects if keyword in s.get("properties", {}).get("keywords", [])]
            ids = [f"{s['id']}-listing" for s in keyed]
            listings = (
                db.execute(
                    "SELECT e.data FROM entities e JOIN versions v ON v.id = e.version_id"
                    f" WHERE v.name = ? AND v.version = ? AND e.entity_id IN ({','.join('?' * len(ids))})",
                    (name, version, *ids),
                ).fetchall()
                if ids
                else []
            )
        return keyed + [json.loads(row[0]) for row in listings]

    def diff(self, name: str, old: int, new: int) -> Diff:
        with self.connect() as db:
            return diff_hashes(self._hashes(db, name, old), self._hashes(db, name, new))

    def set_threshold(self, name: str, threshold: float, actor: str, reason: str) -> None:
        """Per-list thresholds are audited: who set which value, when and why."""
        if not 0.0 < threshold <= 1.0:
            raise InputError("must be in (0, 1]", field="threshold")
        if not actor.strip() or not reason.strip():
            raise InputError("a threshold change needs who and why", field="actor")
        self.latest(name)
        with self.connect() as db:
            db.execute(
                "INSERT INTO thresholds VALUES (?, ?, ?, ?, ?)",
                (name, threshold, actor, now(), reason),
            )

    def thresholds(self) -> dict[str, float]:
        with self.connect() as db:
            rows = db.execute("SELECT name, threshold FROM thresholds ORDER BY rowid")
            return {row[0]: float(row[1]) for row in rows}

    def _latest(self, db: sqlite3.Connection, name: str) -> VersionInfo | None:
        row = db.execute(
            "SELECT name, version, format, source, imported_at, entity_count, content_hash"
            " FROM versions WHERE name = ? ORDER BY version DESC LIMIT 1",
            (name,),
        ).fetchone()
        return VersionInfo(*row) if row else None

    def _hashes(self, db: sqlite3.Connection, name: str, version: int) -> dict[str, str]:
        rows = db.execute(
            "SELECT e.entity_id, e.hash FROM entities e JOIN versions v ON v.id = e.version_id"
            " WHERE v.name = ? AND v.version = ?",
            (name, version),
        )
        return {row[0]: row[1] for row in rows}


def diff_hashes(old: dict[str, str], new: dict[str, str]) -> Diff:
    return Diff(
        added=sorted(set(new) - set(old)),
        removed=sorted(set(old) - set(new)),
        changed=sorted(k for k in set(old) & set(new) if old[k] != new[k]),
    )


def check_name(name: str) -> None:
    if not name or not all(c.isalnum() or c in "-_." for c in name) or len(name) > 64:
        raise InputError("use 1-64 letters, digits, '-', '_' or '.'", field="name")
