"""A person's disposition on a screening hit, recorded in screening and audited here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.errors import InputError
from torturefree.screening.dispositions import record_disposition, subject_key
from torturefree_service.audit.services import audit_record
from torturefree_service.checks import engines
from torturefree_service.checks.rescreen_subjects import applicant_query, party_query
from torturefree_service.checks.rescreening import alerts_resolve
from torturefree_service.errors import Invalid, NotFound, from_input_error
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person


def disposition_record(
    *,
    by: Person,
    case: Any,
    party_id: int | None,
    watchlist: str,
    entity_id: str,
    status: str,
    reason: str,
    expires_at: dt.date | None,
) -> dict[str, Any]:
    require_role(by, *CASEWORK)
    # No party: the hit is on the applicant organisation, under the submit checks' query.
    party = None
    if party_id is not None:
        party = case.application.parties.filter(pk=party_id).first()
        if party is None:
            raise NotFound("no such party on this application", field="party_id")
    # A disposition is live while today is before its expiry (screening's Disposition.active,
    # in UTC): one expiring today or earlier would be recorded and hide nothing.
    if expires_at is not None and expires_at <= dt.datetime.now(dt.UTC).date():
        raise Invalid("the expiry date must be after today", field="expires_at")
    query = (
        party_query(party) if party is not None else applicant_query(case.application.organisation)
    )
    try:
        disposition = record_disposition(
            engines.watchlists(),
            subject=subject_key(query),
            watchlist=watchlist,
            entity_id=entity_id,
            status=status,
            actor=by.actor,
            reason=reason,
            expires_at=expires_at.isoformat() if expires_at else None,
        )
    except InputError as error:
        raise from_input_error(error) from error
    alerts_resolve(
        by=by, case=case, party=party, watchlist=watchlist, entity_id=entity_id, status=status
    )
    audit_record(
        verb="checks.disposition",
        subject=f"case/{case.reference}",
        actor=by.actor,
        payload={
            "party": party.pk if party is not None else None,
            "watchlist": watchlist,
            "entity_id": entity_id,
            "status": status,
            "reason": reason,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return disposition.to_dict()
