"""A register entry: what a node's `register_update` puts in the log, and its leaf bytes.

The leaf is the RFC 8785 canonical form of the entry object, so anyone holding the entry's JSON
(a download, an entry page) recomputes the exact leaf hash. Only the fields the exchange
contract lets a node send about a trader go in (name, country, address, identifiers): the node
sends them under its consent rule, the hub adds nothing about the trader (docs/hub.md, policy).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from typing import Any

from torturefree.exchange.canonical import canonical
from torturefree.exchange.timefmt import format_time
from torturefree.register.errors import FOREIGN_TRADER, RegisterRefusal

ENTRY_FORMAT = "torturefree-register-entry/1"
ACTIONS = ("authorised", "withdrawn")
TRADER_FIELDS = ("name", "country", "address", "identifiers")


def make_entry(
    *,
    state: str,
    message_id: str,
    sent_at: dt.datetime,
    recorded_at: dt.datetime,
    body: Mapping[str, Any],
) -> dict[str, Any]:
    """The entry for a verified register_update from `state`; refuses another state's trader."""
    trader = dict(body.get("trader") or {})
    if trader.get("country") != state:
        raise RegisterRefusal(
            FOREIGN_TRADER,
            f"{state} may only register traders established in {state}; this trader's "
            f"country is {trader.get('country')!r}: the trader's own state registers it",
            field="body.trader.country",
        )
    if body.get("action") not in ACTIONS:
        raise RegisterRefusal("malformed", "action is 'authorised' or 'withdrawn'", "body.action")
    entry: dict[str, Any] = {
        "format": ENTRY_FORMAT,
        "state": state,
        "message_id": message_id,
        "sent_at": format_time(sent_at),
        "recorded_at": format_time(recorded_at.replace(microsecond=0)),
        "action": body["action"],
        "trader": {k: trader[k] for k in TRADER_FIELDS if k in trader},
        "authorisation": dict(body.get("authorisation") or {}),
    }
    if body.get("reason"):
        entry["reason"] = body["reason"]
    return entry


def leaf_bytes(entry: Mapping[str, Any]) -> bytes:
    return canonical(dict(entry))


def normalise_name(name: str) -> str:
    """Lower case, accents and punctuation folded, spaces collapsed: what name search matches."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())
