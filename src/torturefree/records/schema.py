"""Table definitions for the ledger and the line-level store, for SQLite and PostgreSQL."""

from __future__ import annotations

# Column order of ledger rows everywhere they are read or written.
LEDGER_COLUMNS = (
    "seq, recorded_at, event_type, subject, actor, idempotency_key, payload, payload_digest, "
    "prev_hash, hash"
)

_LEDGER = """
CREATE TABLE IF NOT EXISTS ledger_entry (
    seq {seq_type} PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    event_type TEXT NOT NULL,
    subject TEXT NOT NULL,
    actor TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT,
    payload_digest TEXT NOT NULL,
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE
)"""

# UNIQUE(prev_hash) is the last line of defence against a fork: two entries can never claim
# the same predecessor, even if a writer forgot the lock.
_SUBJECT_INDEX = "CREATE INDEX IF NOT EXISTS ledger_entry_subject ON ledger_entry (subject)"

# Append-only in the database itself: no DELETE, and an UPDATE may only erase a payload
# (retention purge), never change what is hashed.
_SQLITE_GUARDS = (
    """CREATE TRIGGER IF NOT EXISTS ledger_no_delete BEFORE DELETE ON ledger_entry
    BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS ledger_no_update BEFORE UPDATE ON ledger_entry
    WHEN NEW.payload IS NOT NULL OR NEW.seq IS NOT OLD.seq OR NEW.hash IS NOT OLD.hash
      OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.payload_digest IS NOT OLD.payload_digest
      OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.event_type IS NOT OLD.event_type
      OR NEW.subject IS NOT OLD.subject OR NEW.actor IS NOT OLD.actor
      OR NEW.idempotency_key IS NOT OLD.idempotency_key
    BEGIN SELECT RAISE(ABORT, 'ledger is append-only: only a payload purge may update'); END""",
)

_PG_GUARDS = (
    """CREATE OR REPLACE FUNCTION ledger_entry_guard() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'ledger is append-only'; END IF;
      IF NEW.payload IS NOT NULL OR (NEW.seq, NEW.hash, NEW.prev_hash, NEW.payload_digest,
          NEW.recorded_at, NEW.event_type, NEW.subject, NEW.actor, NEW.idempotency_key)
          IS DISTINCT FROM (OLD.seq, OLD.hash, OLD.prev_hash, OLD.payload_digest,
          OLD.recorded_at, OLD.event_type, OLD.subject, OLD.actor, OLD.idempotency_key) THEN
        RAISE EXCEPTION 'ledger is append-only: only a payload purge may update';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS ledger_entry_guard ON ledger_entry",
    """CREATE TRIGGER ledger_entry_guard BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_guard()""",
)


def ledger_schema(kind: str) -> list[str]:
    if kind == "sqlite":
        return [_LEDGER.format(seq_type="INTEGER"), _SUBJECT_INDEX, *_SQLITE_GUARDS]
    return [_LEDGER.format(seq_type="BIGINT"), _SUBJECT_INDEX, *_PG_GUARDS]


# Line-level truth: every report is a query over these four tables (lessons.md §3.2).
STORE_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "application": (
        ("application_id", "TEXT PRIMARY KEY"),
        ("reporting_state", "TEXT NOT NULL"),
        ("activity", "TEXT NOT NULL"),
        ("licence_type", "TEXT NOT NULL"),
        ("submitted_on", "TEXT NOT NULL"),
    ),
    "licence_line": (
        ("application_id", "TEXT NOT NULL"),
        ("line_no", "INTEGER NOT NULL"),
        ("version", "INTEGER NOT NULL"),
        ("entry_id", "TEXT NOT NULL"),
        ("category", "TEXT NOT NULL"),
        ("cn_code", "TEXT NOT NULL"),
        ("description", "TEXT NOT NULL"),
        ("quantity", "DOUBLE PRECISION NOT NULL"),
        ("unit", "TEXT NOT NULL"),
        ("value", "DOUBLE PRECISION"),
        ("currency", "TEXT"),
        ("destination", "TEXT NOT NULL"),
        ("origin", "TEXT NOT NULL"),
        ("end_user_category", "TEXT NOT NULL"),
        ("end_use", "TEXT NOT NULL"),
    ),
    "decision": (
        ("decision_id", "TEXT PRIMARY KEY"),
        ("application_id", "TEXT NOT NULL"),
        ("licence_id", "TEXT"),
        ("decided_on", "TEXT NOT NULL"),
        ("outcome", "TEXT NOT NULL"),
        ("refusal_ground", "TEXT"),
        ("line_version", "INTEGER"),
        ("valid_until", "TEXT"),
        ("sensitive", "INTEGER NOT NULL"),
    ),
    "shipment": (
        ("shipment_id", "TEXT PRIMARY KEY"),
        ("application_id", "TEXT NOT NULL"),
        ("line_no", "INTEGER NOT NULL"),
        ("shipped_on", "TEXT NOT NULL"),
        ("quantity", "DOUBLE PRECISION NOT NULL"),
        ("value", "DOUBLE PRECISION"),
        ("customs_reference", "TEXT"),
    ),
}

_STORE_KEYS = {"licence_line": "PRIMARY KEY (application_id, line_no, version)"}


def store_schema() -> list[str]:
    statements = []
    for table, columns in STORE_TABLES.items():
        parts = [f"{name} {kind}" for name, kind in columns]
        if table in _STORE_KEYS:
            parts.append(_STORE_KEYS[table])
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    statements.append(
        "CREATE INDEX IF NOT EXISTS decision_application ON decision (application_id)"
    )
    return statements
