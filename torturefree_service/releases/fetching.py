"""The node fetches the hub's current list release by itself (scheduled) and applies what is due.

`releases_fetch` is what the worker runs every hour (`torturefree:releases-fetch`, apps.py) and
`torturefree releases fetch` runs by hand: if the node holds a signed directory naming the hub,
it fetches the hub's current release and verifies it with the hub's keys of that directory
(lists/release_keys.py: the key the release names, valid when it was issued), then, when a new
release was loaded, runs `releases_apply_due` for the day at once, so cases whose answer a new
release changes today are in front of an officer without waiting for the daily run; entries that
apply later are picked up by the daily run on their day. A refused release changes nothing:
the node keeps its release and the result says why (check and reason); so does an unreachable
hub, to be retried at the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from torturefree.lists.release_errors import ReleaseRefused
from torturefree.lists.release_fetch import fetch_release
from torturefree.lists.release_keys import hub_keys
from torturefree.paths import home_dir
from torturefree_service.releases.services import releases_apply_due

log = logging.getLogger(__name__)


def releases_fetch(day: dt.date | None = None) -> dict[str, Any]:
    """Fetch, verify and load the hub's current release; apply what is due when it is new."""
    home = home_dir()
    try:
        hub = hub_keys(home)
    except ReleaseRefused as refused:
        return {"fetched": False, "reason": refused.reason}
    try:
        done = fetch_release(hub.url, hub.keys, home)
    except ReleaseRefused as refused:
        log.warning("list release from %s not loaded: %s", hub.url, refused.reason)
        return {"fetched": False, "hub": hub.url, "check": refused.check, "reason": refused.reason}
    if done is None:
        return {"fetched": False, "hub": hub.url, "reason": "the hub published no release"}
    record, new = done
    result: dict[str, Any] = {"fetched": True, "hub": hub.url, "loaded": new} | record.to_json()
    if new:
        result["applied"] = releases_apply_due(day=day)
    return result
