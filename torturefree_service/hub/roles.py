"""Who sees which case and may take which step on the hub's pages (seed ¶111: restricted by
default, with roles). One table, read by the pages and checked again by `act`:

- secretariat: every case, the submitter's contact too; triages, assigns, closes, attaches;
- analyst: every case, never the contact; attaches evidence, records findings, asks a state;
- reviewer: every case, never the contact; decides to publish (the findings someone else wrote);
- state focal point: the cases naming its state once triaged, never who submitted them; no step
  (its state answers questions through its node, the exchange);
- organisation: the cases it brought; attaches evidence while open;
- the public (no account): published outcomes only (caseviews.published/outcome).
"""

from __future__ import annotations

from django.db.models import QuerySet

from torturefree_service.hub.accountmodels import HubAccount
from torturefree_service.hub.casemodels import ReviewCase

BODY = ("secretariat", "analyst", "reviewer")
STEPS_BY_ROLE: dict[str, frozenset[str]] = {
    "secretariat": frozenset({"triage", "assign", "close", "evidence"}),
    "analyst": frozenset({"evidence", "finding", "ask"}),
    "reviewer": frozenset({"publish"}),
    "state_focal_point": frozenset(),
    "organisation": frozenset({"evidence"}),
}


def visible_cases(account: HubAccount) -> QuerySet[ReviewCase]:
    """The cases this account may open, newest first."""
    rows = ReviewCase.objects.order_by("-id")
    if account.role in BODY:
        return rows
    if account.role == "organisation":
        return rows.filter(account=account)
    if account.role == "state_focal_point" and account.state:
        # JSON containment on PostgreSQL, a scan of the list elsewhere: a few hundred cases.
        ids = [c.pk for c in rows.exclude(status="received") if account.state in c.countries]
        return rows.filter(pk__in=ids)
    return rows.none()


def may_see(account: HubAccount, case: ReviewCase) -> bool:
    return visible_cases(account).filter(pk=case.pk).exists()


def may(account: HubAccount, step: str, case: ReviewCase) -> bool:
    """Whether this account may take `step` on `case` (which it must be able to see)."""
    return step in STEPS_BY_ROLE.get(account.role, frozenset()) and may_see(account, case)


def sees_contact(account: HubAccount) -> bool:
    return account.role == "secretariat"


def sees_submitter(account: HubAccount, case: ReviewCase) -> bool:
    """The organisation's name: the body always (it triages); a state's focal point never."""
    return account.role in BODY or case.account_id == account.pk
