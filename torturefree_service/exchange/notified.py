"""Art. 23(1): our denial counts as notified once every peer it went to has receipted it.

Registered on the delivery's settlement (settled.py) for messages about a denial: when the last
`denial_notice` of a denial is delivered, the denial's `notified_on` is that day, as the officer
used to record by hand (denials.services.denial_mark_notified), and the audit says so.
"""

from __future__ import annotations

from django.utils import timezone

from torturefree_service.audit.services import audit_record
from torturefree_service.denials.models import Denial, Direction
from torturefree_service.exchange.models import OutboxMessage, OutState
from torturefree_service.exchange.settled import on_settled


@on_settled("denial")
def denial_notified(message: OutboxMessage) -> None:
    if message.type != "denial_notice" or message.state != OutState.DELIVERED:
        return
    others = OutboxMessage.objects.filter(
        subject_kind="denial", subject_ref=message.subject_ref, type="denial_notice"
    ).exclude(state=OutState.DELIVERED)
    if others.exists():
        return
    state, _, reference = message.subject_ref.partition("/")
    denial = Denial.objects.filter(
        direction=Direction.OUTGOING, issuing_state=state, reference=reference
    ).first()
    if denial is None or denial.notified_on is not None:
        return
    denial.notified_on = timezone.now().date()
    denial.save(update_fields=["notified_on"])
    audit_record(
        verb="denial.sent",
        subject=f"denial/{denial.issuing_state}/{denial.reference}",
        actor="system:exchange",
        payload={
            "notified_on": denial.notified_on.isoformat(),
            "late": denial.notified_on > (denial.notify_by or denial.notified_on),
            "through": "exchange",
        },
    )
