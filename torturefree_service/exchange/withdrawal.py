"""We withdraw one of our denials: it stops counting, and every state that got its notice is
told (`denial_withdrawal`, to the same participants as the notice; contract).

The withdrawal and its messages commit together (outbox). A node that has not joined the
exchange records the withdrawal and sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from torturefree_service.audit.services import audit_record
from torturefree_service.denials.models import Denial, Direction
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.exchange.models import OutboxMessage
from torturefree_service.exchange.outbox import outbox_send, peer
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person


@transaction.atomic
def denial_withdraw(
    *, by: Person, denial: Denial, reason: str, today: dt.date | None = None
) -> list[str]:
    """Revoke our denial with reasons; the ids of the withdrawal messages queued."""
    require_role(by, *CASEWORK)
    if denial.direction != Direction.OUTGOING:
        raise Conflict("only our own denials are withdrawn here", field="direction")
    if not reason.strip():
        raise Invalid("give the reason", field="reason")
    denial = Denial.objects.select_for_update().get(pk=denial.pk)
    if denial.revoked:
        raise Conflict("this denial was withdrawn", field="revoked")
    today = today or dt.date.today()
    denial.revoked = True
    denial.save(update_fields=["revoked"])
    subject = f"{denial.issuing_state}/{denial.reference}"
    audit_record(
        verb="denial.withdraw",
        subject=f"denial/{subject}",
        actor=by.actor,
        payload={"withdrawn_on": today.isoformat(), "reason": reason.strip()[:500]},
    )
    told = OutboxMessage.objects.filter(
        subject_kind="denial", subject_ref=subject, type="denial_notice"
    ).values_list("recipient", flat=True)
    body = {
        "reference": denial.reference,
        "withdrawn_on": today.isoformat(),
        "reason": reason.strip()[:4000],
    }
    return [
        str(
            outbox_send(
                type="denial_withdrawal",
                to=state,
                body=body,
                subject=("denial", subject),
                actor=by.actor,
            ).id
        )
        for state in sorted(set(told))
        if peer(state, "denial_withdrawal") is not None
    ]
