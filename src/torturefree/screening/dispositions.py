"""Dispositions: a person's decision on a hit, with who, when, why and until when.

Only a person records a disposition; nothing in screening ever clears a hit by itself.
A false positive suppresses the same hit until it expires or the listed entity changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from torturefree.errors import InputError
from torturefree.screening.normalize import name_key
from torturefree.screening.query import Query
from torturefree.screening.store import WatchlistStore, now


class DispositionStatus(StrEnum):
    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"
    NEEDS_REVIEW = "needs_review"


@dataclass(frozen=True)
class Disposition:
    subject_key: str
    watchlist: str
    entity_id: str
    entity_hash: str
    status: DispositionStatus
    actor: str
    reason: str
    created_at: str
    expires_at: str | None

    def active(self, today: date | None = None) -> bool:
        if self.expires_at is None:
            return True
        return (today or datetime.now(UTC).date()).isoformat() < self.expires_at

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "status": self.status.value}


def subject_key(query: Query) -> str:
    """Who was screened: the caller's id and the normalised name (a new name is a new subject)."""
    text = f"{query.id or ''}\t{name_key(query.name, query.is_person).text}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def record_disposition(
    store: WatchlistStore,
    *,
    subject: str,
    watchlist: str,
    entity_id: str,
    status: str,
    actor: str,
    reason: str,
    expires_at: str | None = None,
    entity_hash: str | None = None,
) -> Disposition:
    """Record a person's decision on one hit; a false positive must carry an expiry."""
    try:
        kind = DispositionStatus(status)
    except ValueError as error:
        raise InputError(
            f"must be one of {', '.join(s.value for s in DispositionStatus)}", field="status"
        ) from error
    if not actor.strip():
        raise InputError("who decided is required", field="actor")
    if not reason.strip():
        raise InputError("why is required", field="reason")
    if kind is DispositionStatus.FALSE_POSITIVE and not expires_at:
        raise InputError("a false positive needs an expiry date", field="expires_at")
    if expires_at is not None:
        try:
            date.fromisoformat(expires_at)
        except ValueError as error:
            raise InputError("must be YYYY-MM-DD", field="expires_at") from error
    if entity_hash is None:
        entity_hash = _current_hash(store, watchlist, entity_id)
    record = Disposition(
        subject,
        watchlist,
        entity_id,
        entity_hash,
        kind,
        actor.strip(),
        reason.strip(),
        now(),
        expires_at,
    )
    with store.connect() as db:
        db.execute(
            "INSERT INTO dispositions (subject_key, watchlist, entity_id, entity_hash, status,"
            " actor, reason, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.subject_key,
                watchlist,
                entity_id,
                entity_hash,
                kind.value,
                record.actor,
                record.reason,
                record.created_at,
                expires_at,
            ),
        )
    return record


def _current_hash(store: WatchlistStore, watchlist: str, entity_id: str) -> str:
    info = store.latest(watchlist)
    for entity in store.entities(info.name, info.version):
        if entity["id"] == entity_id:
            from torturefree.screening.targets import entity_hash

            return entity_hash(entity)
    raise InputError(f"watchlist {watchlist!r} has no entity {entity_id!r}", field="entity_id")


def latest_dispositions(store: WatchlistStore, subject: str) -> dict[tuple[str, str], Disposition]:
    """The newest decision per hit of one subject (history stays in the table)."""
    with store.connect() as db:
        rows = db.execute(
            "SELECT subject_key, watchlist, entity_id, entity_hash, status, actor, reason,"
            " created_at, expires_at FROM dispositions WHERE subject_key = ? ORDER BY id",
            (subject,),
        )
        found = [_row(row) for row in rows]
    return {(d.watchlist, d.entity_id): d for d in found}


def disposed_subjects(store: WatchlistStore) -> frozenset[str]:
    """Subjects with any decision recorded: a batch asks the table once, not once per party."""
    with store.connect() as db:
        return frozenset(r[0] for r in db.execute("SELECT DISTINCT subject_key FROM dispositions"))


def history(store: WatchlistStore, subject: str | None = None) -> list[Disposition]:
    with store.connect() as db:
        rows = db.execute(
            "SELECT subject_key, watchlist, entity_id, entity_hash, status, actor, reason,"
            " created_at, expires_at FROM dispositions WHERE ? IS NULL OR subject_key = ?"
            " ORDER BY id",
            (subject, subject),
        )
        return [_row(row) for row in rows]


def suppresses(disposition: Disposition | None, entity_hash: str) -> bool:
    """Only a live false positive on the unchanged entity hides a hit."""
    return (
        disposition is not None
        and disposition.status is DispositionStatus.FALSE_POSITIVE
        and disposition.active()
        and disposition.entity_hash == entity_hash
    )


def _row(row: Any) -> Disposition:
    return Disposition(
        row[0], row[1], row[2], row[3], DispositionStatus(row[4]), row[5], row[6], row[7], row[8]
    )
