"""Countries on the ¶109 torture-trade watchlist: a party in a listed country is flagged.

Seed ¶109 proposes a watchlist of persons, suppliers *and countries*. A country is not a name to
match: a party whose country is listed gets a flag naming the listing, its reason and source, so
the officer weighs it; like every hit it never decides on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from torturefree.screening.formats import COUNTRY_KEYWORD
from torturefree.screening.store import VersionInfo, WatchlistStore

Flag = dict[str, Any]


def country_listings(store: WatchlistStore, infos: Iterable[VersionInfo]) -> dict[str, list[Flag]]:
    """Listed countries (lower-case alpha-2, as FtM stores them) and the flag each one raises."""
    flags: dict[str, list[Flag]] = {}
    for info in infos:
        entities = store.entities_with_keyword(info.name, info.version, COUNTRY_KEYWORD)
        listings = {
            subject: e.get("properties", {})
            for e in entities
            if e["schema"] == "Sanction"
            for subject in e.get("properties", {}).get("entity", [])
        }
        for entity in entities:
            if entity["schema"] == "Sanction":
                continue
            listing = listings.get(entity["id"], {})
            if "delisted" in listing.get("status", []):
                continue  # a delisted country's history stays stored; it flags nobody
            for country in entity.get("properties", {}).get("country", []):
                flags.setdefault(country.lower(), []).append(_flag(info, entity, listing))
    return flags


def _flag(info: VersionInfo, entity: dict[str, Any], listing: dict[str, Any]) -> Flag:
    props = entity.get("properties", {})

    def first(key: str) -> str | None:
        values = listing.get(key, [])
        return str(values[0]) if values else None

    return {
        "watchlist": info.name,
        "entity_id": entity["id"],
        "caption": (props.get("name") or [entity["id"]])[0],
        "reason": first("reason"),
        "source": first("publisher"),
        "listed_on": first("listingDate"),
        "review_date": first("date"),
        "status": first("status"),
        "explanation": "the party's country is on the torture-trade watchlist (seed ¶109)",
    }
