"""The evidence register and imported country facts in one SQLite file, with history.

Every edit of an evidence item is a new version (who, when, why), so a decision can be traced to
what the register said on the day; the Django service calls the same functions.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from torturefree.paths import home_dir
from torturefree.risk.errors import RiskError
from torturefree.risk.model import EvidenceItem, EvidenceVersion, Fact

STORE_FILE = "risk.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS evidence_version (
  item_id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT, actor TEXT NOT NULL,
  at TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (item_id, version));
CREATE TABLE IF NOT EXISTS fact_import (
  id INTEGER PRIMARY KEY AUTOINCREMENT, dataset TEXT NOT NULL, version TEXT NOT NULL,
  source TEXT NOT NULL, sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, rows INTEGER NOT NULL,
  skipped TEXT NOT NULL, quirks TEXT NOT NULL, current INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS fact (
  import_id INTEGER NOT NULL REFERENCES fact_import(id), dataset TEXT NOT NULL,
  country TEXT NOT NULL, year INTEGER NOT NULL, indicator TEXT NOT NULL, value REAL, text TEXT,
  lower_bound INTEGER NOT NULL, unknown INTEGER NOT NULL, raw TEXT NOT NULL, note TEXT);
CREATE INDEX IF NOT EXISTS fact_by_country ON fact (country, dataset, indicator, year);
"""
_FACT_COLUMNS = "dataset, country, year, indicator, value, text, lower_bound, unknown, raw, note"


@dataclass(frozen=True)
class ImportRecord:
    """Provenance of one import: which file (by hash), which version, what was skipped."""

    id: int
    dataset: str
    version: str
    source: str
    sha256: str
    imported_at: str
    rows: int
    skipped: list[str]
    quirks: list[str]


class EvidenceStore:
    """Evidence items with their versions, and country facts by dataset; one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path)
        try:
            with db:  # one transaction: committed whole or rolled back whole
                yield db
        except sqlite3.Error as error:
            raise RiskError(f"evidence store {self.path}: {error}") from error
        finally:
            db.close()

    # -- evidence items ---------------------------------------------------------------------

    def save_item(
        self, item: EvidenceItem, *, actor: str, reason: str, at: dt.datetime | None = None
    ) -> EvidenceVersion | None:
        """Store a new version of the item; None when it equals the current one (re-import)."""
        body = item.model_dump_json()
        with self._connect() as db:
            current = _latest(db, item.id)
            if current is not None and current[1] == body:
                return None
            return _insert_version(db, item.id, body, actor, reason, at, current)

    def save_items(
        self, items: list[EvidenceItem], *, actor: str, reason: str
    ) -> list[EvidenceVersion | None]:
        """Save a batch in one transaction: all versions written, or none."""
        results: list[EvidenceVersion | None] = []
        with self._connect() as db:
            for item in items:
                body = item.model_dump_json()
                current = _latest(db, item.id)
                if current is not None and current[1] == body:
                    results.append(None)
                else:
                    results.append(_insert_version(db, item.id, body, actor, reason, None, current))
        return results

    def withdraw_item(self, item_id: str, *, actor: str, reason: str) -> EvidenceVersion:
        """Withdraw an item (a new version with no body); its history stays."""
        with self._connect() as db:
            current = _latest(db, item_id)
            if current is None or current[1] is None:
                raise RiskError(f"no current evidence item '{item_id}'")
            return _insert_version(db, item_id, None, actor, reason, None, current)

    def history(self, item_id: str) -> list[EvidenceVersion]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT version, body, actor, at, reason FROM evidence_version WHERE item_id = ? "
                "ORDER BY version",
                (item_id,),
            ).fetchall()
        return [_version(row) for row in rows]

    def items(self, country: str | None = None) -> list[EvidenceItem]:
        """Current (not withdrawn) items, optionally for one country, newest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT v.body FROM evidence_version v WHERE v.version = (SELECT MAX(version) "
                "FROM evidence_version w WHERE w.item_id = v.item_id) AND v.body IS NOT NULL"
            ).fetchall()
        found = [EvidenceItem.model_validate_json(row[0]) for row in rows]
        chosen = [i for i in found if country is None or i.country == country]
        return sorted(chosen, key=lambda i: (i.date, i.id), reverse=True)

    # -- country facts ----------------------------------------------------------------------

    def current_import(self, dataset: str) -> ImportRecord | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT * FROM fact_import WHERE dataset = ? AND current = 1", (dataset,)
            ).fetchone()
        return None if row is None else _import_record(row)

    def imports(self) -> list[ImportRecord]:
        with self._connect() as db:
            rows = db.execute("SELECT * FROM fact_import ORDER BY id").fetchall()
        return [_import_record(row) for row in rows]

    def replace_facts(self, record: ImportRecord, facts: list[Fact]) -> tuple[ImportRecord, bool]:
        """Make these the dataset's current facts, atomically; (record, False) if already so."""
        current = self.current_import(record.dataset)
        if current is not None and current.sha256 == record.sha256:
            return current, False
        with self._connect() as db:
            db.execute("DELETE FROM fact WHERE dataset = ?", (record.dataset,))
            db.execute("UPDATE fact_import SET current = 0 WHERE dataset = ?", (record.dataset,))
            import_id = _insert_import(db, record, len(facts))
            db.executemany(
                f"INSERT INTO fact (import_id, {_FACT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(import_id, *_fact_row(f)) for f in facts],
            )
        stored = self.current_import(record.dataset)
        assert stored is not None  # just written in the same file
        return stored, True

    def facts(self, *, country: str | None = None, dataset: str | None = None) -> list[Fact]:
        where, args = _fact_filter(country, dataset)
        with self._connect() as db:
            rows = db.execute(f"SELECT {_FACT_COLUMNS} FROM fact{where}", args).fetchall()
        return [_fact(row) for row in rows]


def open_store(home: Path | None = None) -> EvidenceStore:
    """The store under the state folder ($TORTUREFREE_HOME, default ./var)."""
    return EvidenceStore((home or home_dir()) / STORE_FILE)


def _latest(db: sqlite3.Connection, item_id: str) -> tuple[int, str | None] | None:
    row = db.execute(
        "SELECT version, body FROM evidence_version WHERE item_id = ? "
        "ORDER BY version DESC LIMIT 1",
        (item_id,),
    ).fetchone()
    return None if row is None else (int(row[0]), row[1])


def _insert_version(
    db: sqlite3.Connection,
    item_id: str,
    body: str | None,
    actor: str,
    reason: str,
    at: dt.datetime | None,
    current: tuple[int, str | None] | None,
) -> EvidenceVersion:
    version = 1 if current is None else current[0] + 1
    when = (at or dt.datetime.now(dt.UTC)).isoformat()
    db.execute(
        "INSERT INTO evidence_version VALUES (?,?,?,?,?,?)",
        (item_id, version, body, actor, when, reason),
    )
    return _version((version, body, actor, when, reason))


def _version(row: tuple[int, str | None, str, str, str]) -> EvidenceVersion:
    version, body, actor, at, reason = row
    item = None if body is None else EvidenceItem.model_validate_json(body)
    return EvidenceVersion(
        item=item, version=version, actor=actor, at=dt.datetime.fromisoformat(at), reason=reason
    )


def _insert_import(db: sqlite3.Connection, record: ImportRecord, rows: int) -> int:
    cursor = db.execute(
        "INSERT INTO fact_import (dataset, version, source, sha256, imported_at, rows, skipped, "
        "quirks, current) VALUES (?,?,?,?,?,?,?,?,1)",
        (
            record.dataset,
            record.version,
            record.source,
            record.sha256,
            record.imported_at,
            rows,
            json.dumps(record.skipped),
            json.dumps(record.quirks),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _import_record(row: tuple[object, ...]) -> ImportRecord:
    id_, dataset, version, source, sha, at, rows, skipped, quirks, _ = row
    return ImportRecord(
        id=int(str(id_)),
        dataset=str(dataset),
        version=str(version),
        source=str(source),
        sha256=str(sha),
        imported_at=str(at),
        rows=int(str(rows)),
        skipped=json.loads(str(skipped)),
        quirks=json.loads(str(quirks)),
    )


def _fact_row(f: Fact) -> tuple[object, ...]:
    return (
        f.dataset,
        f.country,
        f.year,
        f.indicator,
        f.value,
        f.text,
        int(f.lower_bound),
        int(f.unknown),
        f.raw,
        f.note,
    )


def _fact(row: tuple[object, ...]) -> Fact:
    keys = [k.strip() for k in _FACT_COLUMNS.split(",")]
    values = dict(zip(keys, row, strict=True))
    values["lower_bound"] = bool(values["lower_bound"])
    values["unknown"] = bool(values["unknown"])
    return Fact.model_validate(values)


def _fact_filter(country: str | None, dataset: str | None) -> tuple[str, tuple[str, ...]]:
    clauses = [(c, v) for c, v in (("country = ?", country), ("dataset = ?", dataset)) if v]
    if not clauses:
        return "", ()
    return " WHERE " + " AND ".join(c for c, _ in clauses), tuple(v for _, v in clauses if v)
