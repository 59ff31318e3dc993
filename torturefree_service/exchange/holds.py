"""Whether a licence's shipments wait for the importing state (its pre-export notices).

A notice's answer decides: `no_objection` frees the shipments; an `objection` holds them until
an officer lifts the hold with reasons; while no answer has come (or information was asked)
they wait until `reply_by`, and after it the sender's profile data says (`if_no_reply`:
`proceed` or `hold`, data/parameters/exchange-pre-export-reply.yaml).
"""

from __future__ import annotations

import datetime as dt

from torturefree_service.exchange.casemodels import NoticeReply, PreExportNoticeSent
from torturefree_service.licences.models import Licence

OBJECTION = "blocked_pre_export_objection"
AWAITING = "blocked_pre_export_awaiting_reply"


def notice_hold(notice: PreExportNoticeSent, today: dt.date) -> dict[str, str] | None:
    """The hold one notice puts on its licence's shipments (code and message), or None."""
    state = notice.to_state
    if notice.hold_lifted_by_id is not None or notice.reply == NoticeReply.NO_OBJECTION:
        return None
    if notice.reply == NoticeReply.OBJECTION:
        return {
            "code": OBJECTION,
            "message": f"{state} objected to this licence's pre-export notice: shipments wait "
            "until an officer reviews the case and lifts the hold",
        }
    if today <= notice.reply_by:
        return {
            "code": AWAITING,
            "message": f"{state} has until {notice.reply_by} to answer the pre-export notice: "
            "shipments wait for its answer or that date",
        }
    if notice.if_no_reply == "hold":
        return {
            "code": AWAITING,
            "message": f"{state} did not answer the pre-export notice by {notice.reply_by} and "
            f"this state's rule is to hold [{notice.deadline_citation}]",
        }
    return None


def shipment_hold(licence: Licence, today: dt.date) -> dict[str, str] | None:
    """The first hold any of the licence's notices puts on its shipments, or None."""
    for notice in PreExportNoticeSent.objects.filter(licence=licence).order_by("id"):
        hold = notice_hold(notice, today)
        if hold is not None:
            return hold
    return None
