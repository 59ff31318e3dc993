"""The reply deadline of a pre-export notice, from the sending state's profile data (never code).

`data/parameters/exchange-pre-export-reply.yaml` gives, per jurisdiction profile and dated, how
many days the importing state has and whether the exporting state proceeds or holds when they
pass. The notice carries both (`reply_by`, `if_no_reply`) so the receiver sees the same rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from torturefree.exchange.errors import ExchangeError
from torturefree.lists.snapshot import ListSnapshot

PRE_EXPORT_REPLY = "exchange-pre-export-reply"
OUTCOMES = ("proceed", "hold")


@dataclass(frozen=True)
class ReplyDeadline:
    """By when an answer is due, what happens without one, and where that comes from."""

    reply_by: dt.date
    if_no_reply: str
    days: int
    profile: str
    citation: str
    verified: bool
    parameter: str = PRE_EXPORT_REPLY

    def passed(self, today: dt.date) -> bool:
        """The deadline has passed once the reply_by day is over."""
        return today > self.reply_by

    def explain(self) -> str:
        return (
            f"reply by {self.reply_by} ({self.days} days under profile {self.profile}); "
            f"without a reply the exporting state will {self.if_no_reply} "
            f"[{self.parameter}: {self.citation}]"
        )


def pre_export_reply_deadline(
    snapshot: ListSnapshot, profile: str, sent_on: dt.date
) -> ReplyDeadline:
    """The deadline of a notice sent on `sent_on` by a state applying `profile` (law of `sent_on`)."""
    version = snapshot.parameter(PRE_EXPORT_REPLY)
    rule = _rule(version.value, profile)
    return ReplyDeadline(
        reply_by=sent_on + dt.timedelta(days=rule[0]),
        if_no_reply=rule[1],
        days=rule[0],
        profile=profile,
        citation=version.citation.title,
        verified=version.verified and version.citation.verified,
    )


def _rule(value: Any, profile: str) -> tuple[int, str]:
    if not isinstance(value, dict) or profile not in value:
        raise ExchangeError(
            f"{PRE_EXPORT_REPLY} gives no reply period for profile '{profile}' (add it to data/)"
        )
    entry = value[profile]
    days, outcome = entry.get("days"), entry.get("if_no_reply")
    if not isinstance(days, int) or days < 1 or outcome not in OUTCOMES:
        raise ExchangeError(
            f"{PRE_EXPORT_REPLY}[{profile}] needs days (a whole number ≥ 1) and if_no_reply "
            f"({' or '.join(OUTCOMES)})"
        )
    return days, outcome
