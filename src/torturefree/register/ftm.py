"""The register as FollowTheMoney entities (the bulk download `register.ftm.json`, seed ¶107).

Each authorisation in the log becomes three entities, made and cleaned by the `followthemoney`
library so every property is one its schema has:

- the trader, a `LegalEntity` (name, country, address, its identifiers by kind), with an id
  derived from its country, normalised name and identifiers, so every authorisation of the
  same trader points at one entity;
- the authorisation, a `License` (its reference as name, its kind, the state's authority as
  `authority`, the register entry's page as `sourceUrl`, `status` valid / withdrawn);
- a `ContractAward` linking the trader (`supplier`) to it (`contract`) from `valid_from` to
  `valid_until` (or the day it was withdrawn);

and each state's licensing authority is a `PublicBody`. Withdrawal entries make no entities of
their own: they show as the withdrawn authorisation's status and end date. Only what the log
holds goes in (the trader's fields the exchange contract allows), so the download publishes
nothing the register's personal-data page does not list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from followthemoney import model

from torturefree.register.entry import normalise_name

PREFIX = "tf-register"
# Identifier kinds a node may send (exchange contract: lowercase names) and the FtM property each
# goes to; any other kind is a registration number.
IDENTIFIER_PROPERTIES = {
    "vat": "vatCode",
    "lei": "leiCode",
    "duns": "dunsCode",
    "tax": "taxNumber",
    "imo": "imoNumber",
}


def trader_id(trader: Mapping[str, Any]) -> str:
    identifiers = sorted((trader.get("identifiers") or {}).items())
    key = "|".join([trader["country"], normalise_name(trader["name"]), repr(identifiers)])
    return f"{PREFIX}-trader-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]}"


def authority(state: str) -> dict[str, Any]:
    body = model.make_entity("PublicBody")
    body.id = f"{PREFIX}-authority-{state.lower()}"
    body.add("name", f"Licensing authority of {state}")
    body.add("country", state)
    body.add("topics", "gov")
    return dict(body.to_dict())


def _trader(trader: Mapping[str, Any]) -> dict[str, Any]:
    entity = model.make_entity("LegalEntity")
    entity.id = trader_id(trader)
    entity.add("name", trader["name"])
    entity.add("country", trader["country"])
    if trader.get("address"):
        entity.add("address", trader["address"])
    for kind, value in sorted((trader.get("identifiers") or {}).items()):
        entity.add(IDENTIFIER_PROPERTIES.get(kind, "registrationNumber"), value)
    return dict(entity.to_dict())


def entry_entities(
    index: int, entry: Mapping[str, Any], withdrawn_on: dt.date | None, url: str
) -> list[dict[str, Any]]:
    """The trader, the licence and the award of an authorisation entry ([] for a withdrawal)."""
    if entry["action"] != "authorised":
        return []
    trader, held = entry["trader"], entry["authorisation"]
    licence = model.make_entity("License")
    licence.id = f"{PREFIX}-entry-{index}"
    licence.add("name", held["reference"])
    licence.add("type", held["kind"])
    licence.add("country", entry["state"])
    licence.add("authority", f"{PREFIX}-authority-{entry['state'].lower()}")
    licence.add("sourceUrl", url)
    licence.add("status", "withdrawn" if withdrawn_on else "authorised")
    award = model.make_entity("ContractAward")
    award.id = f"{PREFIX}-entry-{index}-award"
    award.add("supplier", trader_id(trader))
    award.add("contract", licence.id)
    award.add("startDate", held["valid_from"])
    end = withdrawn_on.isoformat() if withdrawn_on else held.get("valid_until")
    if end:
        award.add("endDate", end)
    award.add("recordId", str(index))
    return [_trader(trader), dict(licence.to_dict()), dict(award.to_dict())]
