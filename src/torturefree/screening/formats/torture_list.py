"""The seed's ¶109 torture-trade watchlist as CSV or YAML: one row per listed party or country.

Each row becomes a subject entity (Person, Company, Organization or, for a country, a LegalEntity
tagged 'country-listing') and a Sanction entity holding why, on what evidence and source it was
listed, when, when to review it, and whether it has been delisted. A `country` value FtM cannot
clean to a country code is refused: FtM would drop it, and a listed country would flag nobody.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml
from followthemoney.types import registry

from torturefree.errors import InputError
from torturefree.screening.formats import COUNTRY_KEYWORD
from torturefree.screening.formats.entity import add, finish, make

KINDS = {
    "person": "Person",
    "company": "Company",
    "organization": "Organization",
    "country": "LegalEntity",
}
STATUSES = ("listed", "under_review", "delisted")
REQUIRED = ("id", "type", "name", "listing_reason", "source", "listed_on", "status")
AUTHORITY = "torture-trade watchlist (UN GGE report ¶109)"


def read_csv(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [(reader.line_num, dict(row)) for row in reader]
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 ({error.reason})", source=str(path)) from error
    return _convert(rows, path)


def read_yaml(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"malformed YAML ({error})", line=line, source=str(path)) from error
    entries = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise InputError(
            "expected a list of entries (or a mapping with 'entries')", source=str(path)
        )
    return _convert([(n, e) for n, e in enumerate(entries, start=1)], path, unit="entry")


def _convert(rows: list[tuple[int, Any]], path: Path, unit: str = "line") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for number, row in rows:
        try:
            out.extend(_row(row))
        except InputError as error:
            raise InputError(
                f"{unit} {number}: {error.reason}" if unit != "line" else error.reason,
                field=error.field,
                line=number if unit == "line" else None,
                source=str(path),
            ) from error
    return out


def _field(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value).strip()


def _split(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def _row(row: Any) -> list[dict[str, Any]]:
    if not isinstance(row, dict):
        raise InputError("an entry must be a mapping of fields")
    for name in REQUIRED:
        if not _field(row, name):
            raise InputError("is required", field=name)
    kind, status = _field(row, "type").lower(), _field(row, "status").lower()
    if kind not in KINDS:
        raise InputError(f"must be one of {', '.join(KINDS)}", field="type")
    if status not in STATUSES:
        raise InputError(f"must be one of {', '.join(STATUSES)}", field="status")
    if status == "delisted" and not _field(row, "delisted_on"):
        raise InputError("a delisted entry needs the date it was delisted", field="delisted_on")
    subject = make(KINDS[kind], _field(row, "id"))
    add(subject, "name", _field(row, "name"))
    for alias in _split(row.get("aliases")):
        add(subject, "alias", alias)
    countries = _countries(row.get("country"))
    if kind == "country":
        _one_country(countries)
    for country in countries:
        add(subject, "country", country)
    if kind == "person":
        add(subject, "birthDate", _field(row, "birth_date") or None)
    for identifier in _split(row.get("identifiers")):
        add(subject, "idNumber" if kind == "person" else "registrationNumber", identifier)
    if kind == "country":
        add(subject, "keywords", COUNTRY_KEYWORD)
    return [finish(subject), finish(_listing(row, str(subject.id), status))]


def _countries(value: Any) -> list[str]:
    """The row's countries as FtM codes (names cleaned to codes); anything else is refused."""
    values = value if isinstance(value, list) else [value]
    if any(isinstance(v, bool) for v in values):
        # YAML 1.1 reads an unquoted `no` (Norway) as false; dropping it would unlist the country.
        raise InputError(
            "YAML read an unquoted yes/no/on/off as true/false: quote the code ('no' for Norway)",
            field="country",
        )
    codes: list[str] = []
    for text in [t for v in values if v is not None for t in _split(str(v))]:
        code = registry.country.clean(text)
        if code is None:
            raise InputError(
                f"{text!r} is not an ISO 3166-1 alpha-2 country code or country name"
                " FollowTheMoney knows",
                field="country",
            )
        if code not in codes:
            codes.append(code)
    return codes


def _one_country(codes: list[str]) -> None:
    """A country listing flags the parties of one country, named by the alpha-2 code they carry."""
    if len(codes) != 1:
        named = ", ".join(codes) if codes else "none"
        raise InputError(f"a country row needs exactly one country (got {named})", field="country")
    if len(codes[0]) != 2:
        # FtM also knows territories such as 'ua-cri' or 'suhh'; a party's country is alpha-2
        # (query.py), so a listing under such a code would flag nobody.
        raise InputError(
            f"FollowTheMoney reads it as {codes[0]!r}, not an ISO 3166-1 alpha-2 code:"
            " a country row with it would flag nobody",
            field="country",
        )


def _listing(row: dict[str, Any], subject_id: str, status: str) -> Any:
    listing = make("Sanction", f"{subject_id}-listing")
    add(listing, "entity", subject_id)
    add(listing, "authority", AUTHORITY)
    add(listing, "reason", _field(row, "listing_reason"))
    add(listing, "summary", _field(row, "evidence") or None)
    add(listing, "publisher", _field(row, "source"))
    add(listing, "listingDate", _field(row, "listed_on"))
    add(listing, "startDate", _field(row, "listed_on"))
    # FtM has no review-date property: the Sanction's generic 'date' holds it (docs/screening.md).
    add(listing, "date", _field(row, "review_date") or None)
    add(listing, "endDate", _field(row, "delisted_on") or None)
    add(listing, "status", status)
    for note in _split(row.get("history")):
        add(listing, "description", note)
    return listing
