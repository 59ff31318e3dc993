"""Sign-ins to the hub's pages in the ledger (#14): who came in, who was refused, who left.

Case review is restricted and every step on it is in the ledger under the account; so is
the door. The subject is the account named (`account:<username>`, whether or not it exists:
a run of guesses at one name is what an auditor looks for), the address a keyed digest as
the throttle records it (the ledger is kept for years), never the password.
"""

from __future__ import annotations

from django.http import HttpRequest

from torturefree_service.audit.services import audit_record
from torturefree_service.hub.accountmodels import HubAccount
from torturefree_service.ops import throttle


def _actor(request: HttpRequest) -> str:
    user = request.user
    account = (
        HubAccount.objects.select_related("user").filter(user_id=user.pk).first()
        if user.pk is not None
        else None
    )
    # A user the service knows but with no hub account is still someone who came in.
    return account.actor if account else f"user:{request.user.get_username()}"


def _payload(request: HttpRequest) -> dict[str, str]:
    address = throttle.request_address(request)
    return {"channel": "hub_page", "address": throttle.address_digest(address)}


def _subject(username: str) -> str:
    return f"account:{username[:200]}"


def signed_in(request: HttpRequest) -> None:
    user = request.user
    audit_record(
        verb="review.sign_in",
        subject=_subject(user.get_username()),
        actor=_actor(request),
        payload=_payload(request),
    )


def refused(request: HttpRequest, username: str) -> None:
    """A sign-in refused on its password (or an unknown name, or an inactive account)."""
    audit_record(
        verb="review.sign_in_failed",
        subject=_subject(username),
        actor="anonymous",
        payload=_payload(request),
    )


def signed_out(request: HttpRequest) -> None:
    audit_record(
        verb="review.sign_out",
        subject=_subject(request.user.get_username()),
        actor=_actor(request),
        payload=_payload(request),
    )
