"""Message bodies from the node's records: only what each type's schema allows leaves the node.

Parties travel as name, country, address and identifiers; no internal notes, no officer names
(the contact point is the office), no screening results, nothing else about a trader.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from torturefree_service.applications.models import Application, PartyRole
from torturefree_service.checks import engines
from torturefree_service.denials.models import Denial
from torturefree_service.exchange.identity import Identity
from torturefree_service.licences.models import Licence


def contact(me: Identity) -> dict[str, Any]:
    """The office's contact point, as `exchange init --office --email` recorded it."""
    given = dict(me.node.settings().contact)
    office = str(given.get("office") or f"{me.state} competent authority")
    found = {"office": office[:200]}
    if given.get("email"):
        found["email"] = str(given["email"])
    if given.get("phone"):
        found["phone"] = str(given["phone"])[:50]
    return found


def _party(name: str, country: str, address: str = "", **ids: str) -> dict[str, Any]:
    party: dict[str, Any] = {"name": name[:200] or "(not named)", "country": country}
    if address:
        party["address"] = address[:1000]
    identifiers = {k: v[:200] for k, v in ids.items() if v}
    if identifiers:
        party["identifiers"] = identifiers
    return party


def parties(application: Application) -> dict[str, Any]:
    """Exporter, consignee and end user as the contract's parties."""
    org = application.organisation
    found: dict[str, Any] = {
        "exporter": _party(
            org.name, org.country, org.address, eori=org.eori, registration=org.registration_number
        )
    }
    for role, key in ((PartyRole.CONSIGNEE, "consignee"), (PartyRole.END_USER, "end_user")):
        party = application.parties.filter(role=role).first()
        if party is None:
            continue
        found[key] = _party(party.name, party.country, party.address)
        if key == "end_user":
            found[key]["type"] = _code(party.type or "other")
    return found


def _code(text: str) -> str:
    cleaned = "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_")
    return (cleaned or "other")[:64]


def _number(value: Decimal | float | int | None) -> float | int:
    if value is None:
        return 0
    number = float(value)
    return int(number) if number.is_integer() else number


def goods(lines: Any, day: dt.date, *, with_value: bool) -> list[dict[str, Any]]:
    """Goods lines with the list entry each was rated as (instrument, annex, item, category)."""
    snapshot = engines.catalogue().snapshot(day)
    items = []
    for line in lines:
        item: dict[str, Any] = {
            "description": (line.description or "(no description)")[:4000],
            "quantity": _number(line.quantity),
            "unit": (line.unit or "pieces")[:200],
        }
        entry = snapshot.entry(line.entry_id) if getattr(line, "entry_id", "") else None
        if entry is not None:
            item.update(
                entry=entry.id,
                instrument=entry.instrument_short,
                annex=entry.annex,
                item=entry.version.item,
                category=entry.category.value,
            )
        digits = re.sub(r"\D", "", getattr(line, "cn_code", "") or "")
        if 2 <= len(digits) <= 10:
            item["hs_code"] = digits
        if with_value and getattr(line, "value", None) is not None:
            item["value"] = _number(line.value)
            item["currency"] = (line.currency or "EUR")[:3]
        items.append(item)
    return items


def pre_export_notice(
    licence: Licence, me: Identity, reply_by: dt.date, if_no_reply: str
) -> dict[str, Any]:
    application = licence.application
    found = parties(application)
    body: dict[str, Any] = {
        "licence": {
            "number": licence.number,
            "kind": _code(str(licence.kind)),
            "issued_on": licence.issued_on.isoformat(),
            "valid_until": licence.valid_until.isoformat(),
        },
        "exporter": found["exporter"],
        "consignee": found.get("consignee") or _party("(not named)", licence.destination),
        "end_user": found.get("end_user")
        or {**_party("(not named)", licence.destination), "type": "other"},
        "end_use": str(application.end_use or "other"),
        "goods": goods(licence.lines.all(), licence.issued_on, with_value=True),
        "shipment": {
            "from": licence.issued_on.isoformat(),
            "until": licence.valid_until.isoformat(),
            "transit_countries": list(application.transit_countries or []),
        },
        "reply_by": reply_by.isoformat(),
        "if_no_reply": if_no_reply,
        "contact": contact(me),
    }
    return body


def denial_notice(denial: Denial, me: Identity) -> dict[str, Any]:
    application = denial.application
    body: dict[str, Any] = {
        "reference": denial.reference,
        "denied_on": denial.decided_on.isoformat(),
        "activity": denial.activity,
        "destination": denial.destination,
        "grounds": [_code(c) for c in denial.reason_codes] or ["other"],
        "instrument": "EU 2019/125",
    }
    if application is not None:
        body["goods"] = goods(_rated_lines(application), denial.decided_on, with_value=False)
        found = parties(application)
        for key in ("consignee", "end_user"):
            if key in found:
                body[key] = found[key]
        body["end_use"] = str(application.end_use or "other")
    else:
        body["goods"] = [
            {"description": denial.goods_description or e, "entry": e, "quantity": 0, "unit": "-"}
            for e in denial.entries
        ] or [{"description": denial.goods_description or "-", "quantity": 0, "unit": "-"}]
    return body


class _RatedLine:
    """An application line with the entry the checks on submit rated it as."""

    def __init__(self, line: Any, entry_id: str) -> None:
        self.description, self.quantity, self.unit = line.description, line.quantity, line.unit
        self.cn_code, self.entry_id = line.cn_code, entry_id


def _rated_lines(application: Application) -> list[_RatedLine]:
    run = application.checks.first()
    rated = {
        g["index"] + 1: (g.get("entries") or [{}])[0].get("id", "")
        for g in (run.determination["goods"] if run else [])
    }
    return [_RatedLine(line, rated.get(line.line_no, "")) for line in application.lines.all()]
