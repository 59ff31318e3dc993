""" "What changes on <date>" as a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).

Readers of feeds get one item per change; the machine form of each rides along under the
`_torturefree` extension key, as JSON Feed allows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.lists.catalogue import Catalogue
from torturefree.lists.release_diff import release_changes_on

FEED_VERSION = "https://jsonfeed.org/version/1.1"


def changes_feed(catalogue: Catalogue, day: dt.date) -> dict[str, Any]:
    changes = release_changes_on(catalogue, day)
    published = f"{day.isoformat()}T00:00:00Z"
    items = [
        {
            "id": f"{catalogue.release}/{day.isoformat()}/entry/{c['entry']}",
            "title": f"{c['entry']} {c['kind']} on {day.isoformat()}",
            "content_text": "; ".join(c["changes"])
            + (f" ({c['citation']})" if c["citation"] else ""),
            "date_published": published,
            "_torturefree": c,
        }
        for c in changes["entries"]
    ]
    items += [
        {
            "id": f"{catalogue.release}/{day.isoformat()}/parameter/{p['parameter']}",
            "title": f"{p['parameter']} changes on {day.isoformat()}",
            "content_text": f"{p['before']!r} -> {p['after']!r}"
            + (f" ({p['citation']})" if p["citation"] else ""),
            "date_published": published,
            "_torturefree": p,
        }
        for p in changes["parameters"]
    ]
    return {
        "version": FEED_VERSION,
        "title": f"What changes in the control lists on {day.isoformat()}",
        "items": items,
        "_torturefree": {"date": day.isoformat(), "data_release": catalogue.release},
    }
