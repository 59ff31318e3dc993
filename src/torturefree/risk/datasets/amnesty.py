"""Amnesty International's death-penalty data.json: status, abolition, executions, sentences."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.risk.countries import Country, CountryTable
from torturefree.risk.counts import parse_count
from torturefree.risk.datasets import Parsed
from torturefree.risk.model import DeathPenaltyStatus, Fact
from torturefree.risk.textio import decode_utf8, read_bytes

DATASET = "amnesty-death-penalty"
STATUS = {
    "ABOLITIONIST": DeathPenaltyStatus.ABOLITIONIST_ALL_CRIMES,
    "ABOLITIONIST FOR ORDINARY CRIMES": DeathPenaltyStatus.ABOLITIONIST_ORDINARY_CRIMES,
    "ABOLITIONIST IN PRACTICE": DeathPenaltyStatus.ABOLITIONIST_IN_PRACTICE,
    "RETENTIONIST": DeathPenaltyStatus.RETENTIONIST,
}
COUNTS = {"executions": "executions", "death-penalties": "death_sentences"}


def parse(path: Path, countries: CountryTable) -> Parsed:
    source = str(path)
    try:
        document = json.loads(decode_utf8(read_bytes(path), source))
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg}", line=error.lineno, source=source) from error
    if not isinstance(document, list):
        raise InputError("expected a list of year objects", source=source)
    parsed = Parsed()
    for index, year_object in enumerate(document):
        where = f"{source} [{index}]"
        year = _year(year_object, where)
        for entry, country in _placed(year_object.get("countries", []), countries, year, parsed):
            parsed.facts.extend(_facts(entry, country, year, f"{where} {entry.get('id')}"))
    return parsed


def _year(year_object: Any, where: str) -> int:
    if not isinstance(year_object, dict) or not str(year_object.get("year", "")).isdigit():
        raise InputError("year object without a numeric 'year'", field="year", source=where)
    return int(year_object["year"])


def _placed(
    entries: list[dict[str, Any]], countries: CountryTable, year: int, parsed: Parsed
) -> list[tuple[dict[str, Any], Country]]:
    """Each entry with its country; codes used twice in one year are told apart by name.

    From 2017 the file codes both Dominica and the Dominican Republic as DOM: two statuses for one
    country would be a contradiction, so an entry whose name does not fit the code is placed by
    name.
    """
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        by_code[str(entry.get("id", "")).upper()].append(entry)
    placed = []
    for code, group in by_code.items():
        country = countries.get(code)
        if country is None:
            parsed.skipped.add(code)
            continue
        for entry in group:
            placed.append((entry, _place(entry, country, group, countries, year, parsed)))
    return placed


def _place(
    entry: dict[str, Any],
    country: Country,
    group: list[dict[str, Any]],
    countries: CountryTable,
    year: int,
    parsed: Parsed,
) -> Country:
    if len(group) == 1:
        return country
    name = str(entry.get("name", ""))
    named = countries.by_name(name)
    if named is None:
        raise InputError(
            f"code {entry.get('id')} used {len(group)} times in {year}; "
            f"cannot place '{name}' by name",
            field="id",
        )
    if named != country:
        parsed.quirks.append(
            f"{year}: '{name}' coded {entry.get('id')} (the code of {country.name}); "
            f"read as {named.alpha2}"
        )
    return named


def _facts(entry: dict[str, Any], country: Country, year: int, where: str) -> list[Fact]:
    note = (entry.get("note") or {}).get("en") if isinstance(entry.get("note"), dict) else None
    base = {"dataset": DATASET, "country": country.alpha2, "year": year, "note": note or None}
    facts = []
    raw_status = str(entry.get("status") or "").strip().upper()
    if raw_status:
        if raw_status not in STATUS:
            raise InputError(f"unknown status '{raw_status}'", field="status", source=where)
        facts.append(
            Fact(indicator="status", text=STATUS[raw_status].value, raw=raw_status, **base)
        )
    since = str(entry.get("since") or "").strip()
    if since.isdigit():
        facts.append(Fact(indicator="abolished_since", value=int(since), raw=since, **base))
    for key, indicator in COUNTS.items():
        facts.extend(_count_fact(entry.get(key), indicator, base, where))
    return facts


def _count_fact(value: object, indicator: str, base: dict[str, Any], where: str) -> list[Fact]:
    try:
        count = parse_count(value)
    except ValueError as error:
        raise InputError(str(error), field=indicator, source=where) from error
    if count is None:
        return []
    return [
        Fact(
            indicator=indicator,
            value=count.minimum,
            lower_bound=count.lower_bound,
            unknown=count.unknown,
            raw=count.raw,
            **base,
        )
    ]
