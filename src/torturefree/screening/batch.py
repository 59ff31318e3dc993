"""A batch of parties where one record that cannot be screened never stops the others.

What refuses the whole batch (InputError, exit 2): no records at all, a JSON array that is not
JSON, and JSON Lines of which no line is JSON (that is not JSON Lines at all, most likely the
wrong file). Everything else is about one record and becomes that record's
`"status": "not_screened"` with its line, field and reason: a line that is not JSON, a record that
is not an object, a field of the wrong form, a name that is empty, too long, has too many words,
or is written only in scripts the normaliser cannot read (`scripts.py`). Records that are screened
carry `"status": "screened"`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from torturefree.errors import InputError
from torturefree.screening.normalize import name_key
from torturefree.screening.query import Query, parse_query
from torturefree.screening.scripts import unread_scripts
from torturefree.screening.service import screen_queries
from torturefree.screening.store import WatchlistStore

SCREENED = "screened"
NOT_SCREENED = "not_screened"


@dataclass(frozen=True, slots=True)
class NotScreened:
    """A record answered without screening, and why (never a silent pass)."""

    line: int
    id: str | None
    reason: str
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "line": self.line,
            "status": NOT_SCREENED,
            "reason": self.reason,
            "field": self.field,
            "matches": [],
        }


Record = tuple[int, Query | NotScreened]


def read_batch(text: str, source: str) -> list[Record]:
    """Each record of a JSON Lines text (or one JSON array) as a query or a NotScreened."""
    stripped = text.strip()
    if not stripped:
        raise InputError("no queries given", source=source)
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise InputError(f"not JSON ({error.msg})", line=error.lineno, source=source) from error
        return [(n, _record(item, n)) for n, item in enumerate(items, start=1)]
    records: list[Record] = []
    first_error: InputError | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            reason = f"not JSON ({error.msg})"
            first_error = first_error or InputError(reason, line=number, source=source)
            records.append((number, NotScreened(number, None, reason)))
            continue
        records.append((number, _record(item, number)))
    if first_error is not None and all(isinstance(r, NotScreened) for _, r in records):
        raise InputError(
            f"not JSON Lines: {first_error.reason}", line=first_error.line, source=source
        )
    return records


def _record(item: object, number: int) -> Query | NotScreened:
    ident = _id_of(item)
    unread = _unreadable(item)
    if unread is not None:
        return NotScreened(number, ident, unread, "name")
    try:
        return parse_query(item)
    except InputError as error:
        return NotScreened(number, ident, error.reason, error.field)


def _id_of(item: object) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def _unreadable(item: object) -> str | None:
    """The reason for a name made only of letters the normaliser cannot read, else None."""
    name = item.get("name") if isinstance(item, dict) else None
    if not isinstance(name, str) or not name.strip():
        return None
    scripts = unread_scripts(name)
    if not scripts or name_key(name.strip()).tokens:
        return None
    return (
        f"written in {', '.join(scripts)} script, which the normaliser does not read;"
        " screen a Latin transliteration of the name"
    )


def screen_batch(
    store: WatchlistStore, records: list[Record], **options: Any
) -> list[dict[str, Any]]:
    """Screen the records that can be, answer the others, all in input order.

    `options` are screen_queries' (names, threshold, limit, algorithm, cache).
    """
    queries = [r for _, r in records if isinstance(r, Query)]
    screened = iter(screen_queries(store, queries, **options) if queries else [])
    out: list[dict[str, Any]] = []
    for line, record in records:
        if isinstance(record, NotScreened):
            out.append(record.to_dict())
            continue
        result = next(screened)
        result["line"] = line
        unread = unread_scripts(record.name)
        if unread:
            # Screened on the readable part only: the officer must know what was not compared.
            result["unread_scripts"] = list(unread)
        out.append(result)
    return out


def summary(results: list[dict[str, Any]]) -> dict[str, int]:
    """How many records were screened and how many not (for the exit summary)."""
    counts = {SCREENED: 0, NOT_SCREENED: 0}
    for result in results:
        counts[result["status"]] += 1
    return counts


def summary_text(results: list[dict[str, Any]], shown: int = 5) -> str:
    """The exit summary: both counts, then one line per reason a record was not screened.

    'screened 2, not screened 3' then '  name: holds no letters or digits to match on (lines 4, 9)'
    and '  not JSON (Expecting value) (line 7)'. At most `shown` line numbers per reason.
    """
    counts = summary(results)
    text = f"screened {counts[SCREENED]}, not screened {counts[NOT_SCREENED]}"
    reasons: dict[str, list[int]] = {}
    for result in results:
        if result["status"] == NOT_SCREENED:
            field = f"{result['field']}: " if result.get("field") else ""
            reasons.setdefault(field + str(result["reason"]), []).append(int(result["line"]))
    parts = [f"{reason} ({_lines(lines, shown)})" for reason, lines in reasons.items()]
    return "\n  ".join([text, *parts])


def _lines(lines: list[int], shown: int) -> str:
    listed = ", ".join(str(n) for n in lines[:shown])
    more = f" and {len(lines) - shown} more" if len(lines) > shown else ""
    return f"line{'s' if len(lines) > 1 else ''} {listed}{more}"
