"""Published versions of the shared watchlist: the torture-csv file every node imports.

`torturefree watchlist import --format torture-csv --name hub FILE` reads it (the node's
screening.formats.torture_list): one row per listed or delisted listing, its evidence, source,
review date and history. Each version is stored once with the hub's Ed25519 signature over
{format, version, sha256, ftm_sha256, published_at} (the same key and rule as tree heads and
directories); `ftm_sha256` is the hash of the same listings as FollowTheMoney entities.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction

from torturefree.exchange.canonical import canonical
from torturefree.exchange.timefmt import format_time, now_utc
from torturefree.screening.formats import read_watchlist
from torturefree_service.hub.models import WatchlistListing, WatchlistRelease
from torturefree_service.hub.participants import hub_node

RELEASE_FORMAT = "torturefree-watchlist-release/1"
COLUMNS = (
    "id",
    "type",
    "name",
    "aliases",
    "country",
    "birth_date",
    "identifiers",
    "listing_reason",
    "evidence",
    "source",
    "listed_on",
    "review_date",
    "delisted_on",
    "status",
    "history",
)
PUBLISHED = ("listed", "delisted")


def _evidence(item: dict[str, Any]) -> str:
    parts = [item["title"], item["source"], item["date"]]
    parts += [f"sha256 {item['sha256']}"] if item.get("sha256") else []
    parts += [item["href"]] if item.get("href") else []
    return ", ".join(parts)


def _reason(row: WatchlistListing) -> str:
    kept = row.classification or {}
    words = [f"{k.replace('_', ' ')}: {kept[k]}" for k in ("by_victims", "by_means") if k in kept]
    if words:
        return f"{row.reason} (classification {'; '.join(words)}; source {kept['source']})"
    return row.reason


def _history(row: WatchlistListing) -> str:
    notes = []
    for event in row.events.all():
        note = f"{event.at.date().isoformat()} {event.action} by {event.actor}"
        notes.append(f"{note}: {event.note}" if event.note else note)
    return "; ".join(n.replace(";", ",") for n in notes)


def row_of(row: WatchlistListing) -> dict[str, str]:
    return {
        "id": row.public_id,
        "type": row.kind,
        "name": row.name,
        "aliases": "; ".join(row.aliases),
        "country": row.country,
        "birth_date": row.birth_date.isoformat() if row.birth_date else "",
        "identifiers": "; ".join(row.identifiers),
        "listing_reason": _reason(row),
        "evidence": " | ".join(_evidence(e) for e in row.evidence),
        "source": row.source,
        "listed_on": row.listed_on.isoformat() if row.listed_on else "",
        "review_date": row.review_on.isoformat(),
        "delisted_on": row.delisted_on.isoformat() if row.delisted_on else "",
        "status": row.status,
        "history": _history(row),
    }


def render() -> tuple[str, int, int]:
    """The torture-csv text of the listings to publish, and how many are listed and delisted."""
    rows = WatchlistListing.objects.filter(status__in=PUBLISHED).prefetch_related("events")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    counts = {"listed": 0, "delisted": 0}
    for row in rows.order_by("id"):
        writer.writerow(row_of(row))
        counts[row.status] += 1
    return out.getvalue(), counts["listed"], counts["delisted"]


def ftm_of(content: str) -> str:
    """The torture-csv file as FollowTheMoney entities, read by the node's own reader (so a
    node importing either file gets the same entities)."""
    with tempfile.TemporaryDirectory(prefix="tf-watchlist-") as folder:
        path = Path(folder) / "watchlist.csv"
        path.write_text(content, encoding="utf-8")
        entities = read_watchlist("torture-csv", path) if content.count("\n") > 1 else []
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)


def publish() -> tuple[WatchlistRelease, bool]:
    """A new signed version when the list changed since the last one; (the latest, whether new)."""
    with transaction.atomic():
        held = WatchlistRelease.objects.select_for_update().order_by("-version").first()
        content, listed, delisted = render()
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        if held is not None and held.sha256 == digest:
            return held, False
        version = 1 if held is None else held.version + 1
        key = hub_node().signing_key()
        ftm = ftm_of(content)
        release = {
            "format": RELEASE_FORMAT,
            "version": version,
            "sha256": digest,
            "ftm_sha256": hashlib.sha256(ftm.encode("utf-8")).hexdigest(),
            "listed": listed,
            "delisted": delisted,
            "published_at": format_time(now_utc().replace(microsecond=0)),
            "key_id": key.key_id,
        }
        signed = {"release": release, "signature": key.sign(canonical(release))}
        row = WatchlistRelease.objects.create(
            version=version,
            content=content,
            sha256=digest,
            ftm=ftm,
            listed=listed,
            delisted=delisted,
            signed=signed,
        )
    return row, True


def latest() -> WatchlistRelease | None:
    return WatchlistRelease.objects.order_by("-version").first()
