"""The append-only, hash-chained ledger of everything that happened (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.records.backend import Backend, Cursor, open_backend
from torturefree.records.chain import Checkpoint, VerifyResult
from torturefree.records.errors import RetentionError
from torturefree.records.events import (
    GENESIS_HASH,
    Entry,
    EventType,
    canonical_json,
    entry_from_row,
    entry_header,
    event_type_of,
    header_hash,
    sha256_hex,
    utc_now,
)
from torturefree.records.retention import RetentionPolicy
from torturefree.records.schema import LEDGER_COLUMNS, ledger_schema
from torturefree.records.verify import verify_rows

COLUMNS = LEDGER_COLUMNS
_KEY_CHUNK = 500


@dataclass(frozen=True)
class NewEvent:
    """An event to append; the idempotency key makes a retried batch add nothing twice."""

    event_type: EventType | str
    subject: str
    actor: str
    payload: Any
    idempotency_key: str


@dataclass(frozen=True)
class _Prepared:
    event_type: str
    subject: str
    actor: str
    payload: str
    digest: str
    key: str


class Ledger:
    """Append, read, verify and checkpoint the chain; purge payloads only after retention."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        backend.run_script(ledger_schema(backend.kind))

    @classmethod
    def open(cls, target: str | Path | Any | None = None) -> Ledger:
        """A PostgreSQL or sqlite URL, a file path, a DB-API connection, or home_dir() default."""
        return cls(open_backend(target))

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def append(
        self,
        event_type: EventType | str,
        subject: str,
        actor: str,
        payload: Any,
        *,
        idempotency_key: str,
    ) -> Entry:
        return self.append_many([NewEvent(event_type, subject, actor, payload, idempotency_key)])[0]

    def append_many(self, events: Iterable[NewEvent]) -> list[Entry]:
        """Append a batch in one transaction; events already recorded come back unchanged."""
        prepared = [_prepare_at(event, index) for index, event in enumerate(events, start=1)]
        with self.backend.write() as cursor:
            return _append_locked(cursor, prepared)

    def head(self) -> Entry | None:
        rows = self.backend.query(f"SELECT {COLUMNS} FROM ledger_entry ORDER BY seq DESC LIMIT 1")
        return _entry(rows[0]) if rows else None

    def get(self, seq: int) -> Entry | None:
        rows = self.backend.query(f"SELECT {COLUMNS} FROM ledger_entry WHERE seq = ?", (seq,))
        return _entry(rows[0]) if rows else None

    def entries(self, subject: str | None = None) -> Iterator[Entry]:
        if subject is None:
            rows = self.backend.stream(f"SELECT {COLUMNS} FROM ledger_entry ORDER BY seq")
        else:
            sql = f"SELECT {COLUMNS} FROM ledger_entry WHERE subject = ? ORDER BY seq"
            rows = iter(self.backend.query(sql, (subject,)))
        return (_entry(row) for row in rows)

    def verify(self, checkpoint: Checkpoint | None = None, *, workers: int = 1) -> VerifyResult:
        """Walk the whole chain; `workers` > 1 splits a large ledger over that many processes."""
        return verify_rows(self.backend, checkpoint, workers)

    def checkpoint(self) -> Checkpoint:
        head = self.head()
        if head is None:
            return Checkpoint(0, GENESIS_HASH, utc_now())
        return Checkpoint(head.seq, head.hash, utc_now())

    def check_checkpoint(self, checkpoint: Checkpoint) -> VerifyResult:
        """The chain verifies and still holds the head the checkpoint saw, unchanged."""
        return self.verify(checkpoint)

    def purge(
        self, subject: str, *, actor: str, policy: RetentionPolicy, today: dt.date | None = None
    ) -> Entry:
        """Erase a subject's payloads (the chain keeps their digests); refused before retention."""
        on = today or dt.date.today()
        entries = list(self.entries(subject))
        if not entries:
            raise InputError(f"no ledger entries about '{subject}'", field="subject")
        keep_until = policy.keep_until(_subject_dates(entries))
        if on < keep_until:
            raise RetentionError(
                f"'{subject}' must be kept until {keep_until.isoformat()} "
                f"({policy.years} years after expiry or last event; "
                f"{policy.citation.title.strip()})"
            )
        seqs = [entry.seq for entry in entries if entry.payload is not None]
        record = {"subject": subject, "purged": seqs, "kept_until": keep_until.isoformat()}
        event = NewEvent(EventType.PAYLOAD_PURGED, subject, actor, record, f"purge:{subject}:{on}")
        with self.backend.write() as cursor:
            cursor.execute("UPDATE ledger_entry SET payload = NULL WHERE subject = ?", (subject,))
            return _append_locked(cursor, [_prepare_at(event, 1)])[0]


def _prepare_at(event: NewEvent, index: int) -> _Prepared:
    try:
        return _prepare(event)
    except InputError as error:
        raise error.at_line(index, source="batch") from error


def _prepare(event: NewEvent) -> _Prepared:
    kind = event_type_of(event.event_type).value
    for name in ("subject", "actor", "idempotency_key"):
        value = getattr(event, name)
        if not isinstance(value, str) or not value.strip():
            raise InputError("must be a non-empty string", field=name)
    text = canonical_json(event.payload)
    return _Prepared(
        kind, event.subject, event.actor, text, sha256_hex(text), event.idempotency_key
    )


def _append_locked(cursor: Cursor, events: Sequence[_Prepared]) -> list[Entry]:
    """Inside the write lock: reuse recorded keys, chain the rest onto the current head."""
    known = _existing(cursor, [event.key for event in events])
    cursor.execute("SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1")
    row = cursor.fetchone()
    seq, prev = (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)
    result: list[Entry] = []
    fresh: list[Entry] = []
    for event in events:
        if event.key in known:
            result.append(_same_event(known[event.key], event))
            continue
        seq += 1
        entry = _chain(seq, prev, event)
        prev = entry.hash
        known[event.key] = entry
        fresh.append(entry)
        result.append(entry)
    cursor.executemany(
        f"INSERT INTO ledger_entry ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_row(entry) for entry in fresh],
    )
    return result


def _chain(seq: int, prev: str, event: _Prepared) -> Entry:
    at = utc_now()
    header = entry_header(
        seq, at, event.event_type, event.subject, event.actor, event.key, event.digest, prev
    )
    digest = header_hash(header)
    return Entry(
        seq,
        at,
        event.event_type,
        event.subject,
        event.actor,
        event.key,
        event.payload,
        event.digest,
        prev,
        digest,
    )


def _same_event(entry: Entry, event: _Prepared) -> Entry:
    """A retried key must carry the same event; a different one is a caller's mistake."""
    same = (entry.event_type, entry.subject, entry.payload_digest) == (
        event.event_type,
        event.subject,
        event.digest,
    )
    if not same:
        raise InputError(
            f"already used by entry {entry.seq} for a different event", field="idempotency_key"
        )
    return entry


def _existing(cursor: Cursor, keys: Sequence[str]) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    unique = sorted(set(keys))
    for start in range(0, len(unique), _KEY_CHUNK):
        chunk = unique[start : start + _KEY_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        cursor.execute(
            f"SELECT {COLUMNS} FROM ledger_entry WHERE idempotency_key IN ({marks})", chunk
        )
        for row in cursor.fetchall():
            entry = _entry(row)
            found[entry.idempotency_key] = entry
    return found


_entry = entry_from_row


def _row(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.seq,
        entry.recorded_at,
        entry.event_type,
        entry.subject,
        entry.actor,
        entry.idempotency_key,
        entry.payload,
        entry.payload_digest,
        entry.prev_hash,
        entry.hash,
    )


def _subject_dates(entries: Sequence[Entry]) -> list[dt.date]:
    """The last event's date and any expiry the payloads declare ('expires_on')."""
    dates = [dt.date.fromisoformat(entry.recorded_at[:10]) for entry in entries]
    for entry in entries:
        if entry.payload is None:
            continue
        data = json.loads(entry.payload)
        if isinstance(data, dict) and isinstance(data.get("expires_on"), str):
            dates.append(dt.date.fromisoformat(data["expires_on"]))
    return dates
