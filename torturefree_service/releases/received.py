"""The officers' page of what reached this node about the control lists (issue #16): the expert
mechanism's notices from the hub (`amendment_notice`: a question put to the states, a decision
with its tally and reasons), the list releases this node loaded with their changelog in words,
and the answers a release changed that no officer has reviewed yet.

The notices are the signed messages as the inbox stored them (they have no effect of their own
on a node: the law changes only when a release is loaded); the releases are read from the node's
store (`<home>/releases/`), the one the engines read marked current, beside the one the hub's
signed directory names as current (`list_release`), so an officer sees when this node is behind.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from torturefree.lists.release_archive import read_header
from torturefree.lists.release_errors import ReleaseRefused
from torturefree.lists.release_index import ReleaseIndex, folder_name
from torturefree.lists.release_keys import hub_keys, named_release
from torturefree.paths import home_dir
from torturefree_service.exchange.models import InboxMessage
from torturefree_service.organisations.access import READERS
from torturefree_service.releases.models import ReleaseAlert
from torturefree_service.web.access import for_roles

NOTICE = "amendment_notice"
SHOWN = 200  # the most recent rows of each list; older ones stay in the inbox and the store


def hub_url() -> str | None:
    """The hub's address as the directory this node holds gives it (for the public pages)."""
    try:
        return hub_keys(home_dir()).url.rstrip("/")
    except ReleaseRefused:
        return None


def notices() -> list[dict[str, Any]]:
    base = hub_url()
    rows = InboxMessage.objects.filter(type=NOTICE, sender="HUB").order_by("-received_at")
    out = []
    for message in rows[:SHOWN]:
        body: dict[str, Any] = message.body
        page = str(body.get("page", ""))
        link = base + page if base and page.startswith("/amendments/") else None
        out.append({**body, "received_at": message.received_at, "link": link})
    return out


def releases() -> list[dict[str, Any]]:
    index = ReleaseIndex(home_dir())
    current = index.current()
    out = []
    for loaded in reversed(index.loaded()):
        path = index.folder / folder_name(loaded.release) / "release.tar"
        try:
            manifest = read_header(path)["manifest"]
        except (ReleaseRefused, KeyError):
            manifest = {}  # still listed: the id, sequence and dates come from the index
        changelog = manifest.get("changelog", {})
        out.append(
            loaded.to_json()
            | {
                "current": current is not None and loaded.release == current.release,
                "title": manifest.get("title") or "",
                "changes": list(changelog.get("text", [])),
                "entries": list(changelog.get("entries", [])),
            }
        )
    return out


def hub_release() -> dict[str, Any] | None:
    """The release the hub's directory names as current, and whether this node uses it yet."""
    named = named_release(home_dir())
    if named is None:
        return None
    current = ReleaseIndex(home_dir()).current()
    in_use = current is not None and current.release == named.release
    return named.__dict__ | {"in_use": in_use}


def open_alerts() -> list[ReleaseAlert]:
    pending = ReleaseAlert.objects.filter(resolved_at__isnull=True)
    return list(pending.select_related("case", "licence")[:SHOWN])


@for_roles(*READERS)
def list_changes(request: HttpRequest) -> HttpResponse:
    context = {
        "notices": notices(),
        "releases": releases(),
        "alerts": open_alerts(),
        "hub_release": hub_release(),
    }
    return render(request, "releases/received.html", context)
