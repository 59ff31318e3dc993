"""Ledger events: their closed vocabulary, the canonical JSON form and the SHA-256 chain hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from json.encoder import encode_basestring
from typing import Any

from torturefree.errors import InputError

# All-zero previous hash of the first entry: there is nothing before the genesis entry.
GENESIS_HASH = "0" * 64

# One encoder, built once: canonical JSON is sorted keys, no whitespace, UTF-8, no NaN/Infinity
# (NaN has no JSON spelling, so two readers could disagree on it; refuse it instead).
_CANONICAL = json.JSONEncoder(
    separators=(",", ":"), ensure_ascii=False, sort_keys=True, allow_nan=False
)


class EventType(StrEnum):
    """Everything an auditor may need to attribute years later (CITES e-permit audit trail)."""

    APPLICATION_SUBMITTED = "application_submitted"
    CHECKS_RUN = "checks_run"
    ADVICE_GIVEN = "advice_given"
    DECISION_TAKEN = "decision_taken"
    LICENCE_ISSUED = "licence_issued"
    LICENCE_AMENDED = "licence_amended"
    LICENCE_REVOKED = "licence_revoked"
    LICENCE_SUSPENDED = "licence_suspended"
    LICENCE_ANNULLED = "licence_annulled"
    LICENCE_EXPIRED = "licence_expired"
    DENIAL_NOTIFIED = "denial_notified"
    CONSULTATION = "consultation"
    SHIPMENT_RECORDED = "shipment_recorded"
    LIST_RELEASE_LOADED = "list_release_loaded"
    WATCHLIST_VERSION_IMPORTED = "watchlist_version_imported"
    DISPOSITION_RECORDED = "disposition_recorded"
    # The licensing service's case work and vetting (docs/service.md), each its own type so an
    # auditor can filter by what happened without reading payloads.
    APPLICATION_WITHDRAWN = "application_withdrawn"
    GEA_FIRST_USE_NOTIFIED = "gea_first_use_notified"
    RATING_CHANGED = "rating_changed"
    CASE_OPENED = "case_opened"
    CASE_ASSIGNED = "case_assigned"
    QUESTION_ASKED = "question_asked"
    QUESTION_ANSWERED = "question_answered"
    NOTE_ADDED = "note_added"
    CASE_RETURNED = "case_returned"
    CASE_WITHDRAWN = "case_withdrawn"
    LICENCE_REINSTATED = "licence_reinstated"
    LICENCE_EXHAUSTED = "licence_exhausted"
    DENIAL_IMPORTED = "denial_imported"
    ORGANISATION_VETTED = "organisation_vetted"
    # The evidence register (Art. 12(2)): what the officer had before them, and who weighed it.
    EVIDENCE_RECORDED = "evidence_recorded"
    EVIDENCE_REVIEWED = "evidence_reviewed"
    EVIDENCE_WITHDRAWN = "evidence_withdrawn"
    EVIDENCE_IMPORTED = "evidence_imported"
    # Erasing a payload after its retention period is itself an attributable action.
    PAYLOAD_PURGED = "payload_purged"
    # The exchange between states (#13): what was queued, delivered or refused, and what came in.
    MESSAGE_QUEUED = "message_queued"
    MESSAGE_DELIVERED = "message_delivered"
    MESSAGE_RECEIVED = "message_received"
    MESSAGE_REFUSED = "message_refused"


def canonical_json(value: Any) -> str:
    """The one text form that is hashed: sorted keys, compact, UTF-8, JSON types only."""
    try:
        return _CANONICAL.encode(value)
    except (TypeError, ValueError) as error:
        raise InputError(f"not canonical JSON: {error}", field="payload") from error


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> str:
    """A recording time with microseconds in UTC, the same spelling on every backend."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class Entry:
    """One ledger entry. `payload` is None once purged; `payload_digest` keeps the chain whole."""

    seq: int
    recorded_at: str
    event_type: str
    subject: str
    actor: str
    idempotency_key: str
    payload: str | None
    payload_digest: str
    prev_hash: str
    hash: str

    def header(self) -> dict[str, Any]:
        """The hashed fields: everything except the hash itself and the (purgeable) payload."""
        return entry_header(
            self.seq,
            self.recorded_at,
            self.event_type,
            self.subject,
            self.actor,
            self.idempotency_key,
            self.payload_digest,
            self.prev_hash,
        )

    def payload_data(self) -> Any:
        return None if self.payload is None else json.loads(self.payload)

    def as_json(self) -> dict[str, Any]:
        return {**self.header(), "hash": self.hash, "payload": self.payload_data()}


def entry_header(
    seq: int,
    recorded_at: str,
    event_type: str,
    subject: str,
    actor: str,
    idempotency_key: str,
    payload_digest: str,
    prev_hash: str,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "recorded_at": recorded_at,
        "event_type": event_type,
        "subject": subject,
        "actor": actor,
        "idempotency_key": idempotency_key,
        "payload_digest": payload_digest,
        "prev_hash": prev_hash,
    }


def header_hash(header: dict[str, Any]) -> str:
    """hash = SHA-256 of the canonical JSON of the header, which includes the previous hash."""
    return sha256_hex(_CANONICAL.encode(header))


# The header's keys in canonical (sorted) order, spelled once; a test compares the text below
# with canonical_json(entry_header(...)) so the two can never drift apart.
def header_text(
    seq: int,
    recorded_at: str,
    event_type: str,
    subject: str,
    actor: str,
    idempotency_key: str,
    payload_digest: str,
    prev_hash: str,
) -> str:
    """canonical_json(entry_header(...)) without building a dict: verify calls it per entry.

    `encode_basestring` is the very function the canonical encoder uses for strings
    (ensure_ascii=False); it raises TypeError for anything but a str, as the encoder would
    not, so callers fall back to the dict path on TypeError.
    """
    e = encode_basestring
    return (
        f'{{"actor":{e(actor)},"event_type":{e(event_type)},'
        f'"idempotency_key":{e(idempotency_key)},"payload_digest":{e(payload_digest)},'
        f'"prev_hash":{e(prev_hash)},"recorded_at":{e(recorded_at)},'
        f'"seq":{int.__repr__(seq)},"subject":{e(subject)}}}'
    )


def entry_from_row(row: Sequence[Any]) -> Entry:
    """An entry from a database row in LEDGER_COLUMNS order."""
    return Entry(int(row[0]), *(None if v is None else str(v) for v in row[1:]))  # type: ignore[arg-type]


def event_type_of(value: str | EventType) -> EventType:
    try:
        return EventType(value)
    except ValueError as error:
        known = ", ".join(e.value for e in EventType)
        raise InputError(
            f"unknown event type '{value}' (known: {known})", field="event_type"
        ) from error
