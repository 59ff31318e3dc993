"""The shared watchlist (seed ¶109): proposals, four-eyes review, delisting with reasons.

A state proposes a listing with a signed `watchlist_update` through the hub's inbox (or the
hub's analysts with `torturefree hub watchlist propose`). Two different reviewers, neither the
analyst who proposed it, must approve before it is listed; one rejection ends it. A state may
remove its own listing (with a reason); the hub's analysts may delist any (with a reason). Every
step is a WatchlistEvent, published with the listing as its history (watchlistrelease.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from torturefree.exchange.envelope import SignedMessage
from torturefree.register.errors import RegisterRefusal
from torturefree_service.hub.models import WatchlistEvent, WatchlistListing

MESSAGE_TYPE = "watchlist_update"
HUB = "HUB"
APPROVALS = 2


class WatchlistError(RegisterRefusal):
    """Refused: nothing stored (code, message, field as the exchange's receipts carry them)."""


def watchlist_apply(message: SignedMessage) -> WatchlistListing:
    """Apply a verified watchlist_update from a state (the inbox calls this in its transaction)."""
    envelope = message.envelope
    body = envelope.body
    if body["action"] == "remove":
        listing = _own(envelope.sender, body["reference"])
        return delist(listing, actor=envelope.sender, reason=body["reason"])
    return propose(envelope.sender, body["reference"], body["listing"], message_id=envelope.id)


def _own(state: str, reference: str) -> WatchlistListing:
    listing = WatchlistListing.objects.filter(proposer=state, reference=reference).first()
    if listing is None:
        message = f"{state} proposed no listing '{reference}'"
        raise WatchlistError("unknown_listing", message, "body.reference")
    return listing


def propose(
    proposer: str,
    reference: str,
    listing: dict[str, Any],
    *,
    message_id: str | None = None,
    by: str = "",
) -> WatchlistListing:
    """Record a proposal (status `proposed`); a reference is used once per proposer."""
    if WatchlistListing.objects.filter(proposer=proposer, reference=reference).exists():
        message = f"{proposer} already proposed a listing '{reference}'"
        raise WatchlistError("duplicate_reference", message, "body.reference")
    _check(listing)
    with transaction.atomic():
        row = WatchlistListing.objects.create(
            proposer=proposer,
            reference=reference,
            message_id=message_id,
            proposed_by=by,
            kind=listing["kind"],
            name=listing["name"],
            aliases=list(listing.get("aliases", [])),
            country=listing.get("country", ""),
            identifiers=list(listing.get("identifiers", [])),
            birth_date=_day(listing.get("birth_date")),
            reason=listing["reason"],
            source=listing["source"],
            evidence=list(listing["evidence"]),
            classification=dict(listing.get("classification", {})),
            review_on=dt.date.fromisoformat(listing["review_on"]),
        )
        WatchlistEvent.objects.create(listing=row, action="proposed", actor=by or proposer)
    return row


def _check(listing: dict[str, Any]) -> None:
    if listing["kind"] == "country" and not listing.get("country"):
        raise WatchlistError(
            "country_missing", "a country listing names its country", "body.listing.country"
        )
    if listing.get("classification") and listing["kind"] != "country":
        raise WatchlistError(
            "classification_not_country",
            "only a country listing carries the classification by victims and means",
            "body.listing.classification",
        )


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def review(listing: WatchlistListing, reviewer: str, approve: bool, note: str = "") -> str:
    """Four-eyes review: the listing's status after this reviewer's decision."""
    if not reviewer.strip():
        raise WatchlistError("reviewer_missing", "a review names its reviewer", "by")
    with transaction.atomic():
        row = WatchlistListing.objects.select_for_update().get(pk=listing.pk)
        if row.status != "proposed":
            raise WatchlistError("not_proposed", f"the listing is {row.status}", "listing")
        if reviewer == row.proposed_by:
            message = "the analyst who proposed a listing cannot review it (four eyes)"
            raise WatchlistError("own_proposal", message, "by")
        approvers = set(row.events.filter(action="approved").values_list("actor", flat=True))
        if reviewer in approvers:
            raise WatchlistError("already_reviewed", f"{reviewer} already approved it", "by")
        action = "approved" if approve else "rejected"
        WatchlistEvent.objects.create(listing=row, action=action, actor=reviewer, note=note)
        if not approve:
            row.status = "rejected"
        elif len(approvers) + 1 >= APPROVALS:
            row.status, row.listed_on = "listed", dt.date.today()
            WatchlistEvent.objects.create(listing=row, action="listed", actor=reviewer)
        row.save(update_fields=["status", "listed_on"])
    return row.status


def delist(listing: WatchlistListing, *, actor: str, reason: str) -> WatchlistListing:
    """End a listing with a reason (it stays in the published list as delisted, with history)."""
    if not reason.strip():
        raise WatchlistError("reason_missing", "a delisting gives its reason", "reason")
    with transaction.atomic():
        row = WatchlistListing.objects.select_for_update().get(pk=listing.pk)
        if row.status not in ("listed", "proposed"):
            raise WatchlistError("not_listed", f"the listing is {row.status}", "body.reference")
        was_listed = row.status == "listed"
        row.status = "delisted" if was_listed else "withdrawn"
        row.delisted_on = dt.date.today() if was_listed else None
        row.removal_reason = reason
        row.save(update_fields=["status", "delisted_on", "removal_reason"])
        WatchlistEvent.objects.create(listing=row, action=row.status, actor=actor, note=reason)
    return row


def listing_by_id(number: int) -> WatchlistListing:
    row = WatchlistListing.objects.filter(pk=number).first()
    if row is None:
        raise WatchlistError("unknown_listing", f"no listing {number}", "LISTING")
    return row
