"""Ratings, consultations and the four-eyes decision that ends a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from torturefree_service.applications.models import GoodsLine
from torturefree_service.applications.states import APPLICATION
from torturefree_service.audit.services import audit_record
from torturefree_service.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Recommendation,
    RefusalReason,
    RescreenAlert,
)
from torturefree_service.cases.services import _reasons, _subject, flags_of
from torturefree_service.cases.states import CASE
from torturefree_service.checks import engines
from torturefree_service.checks.rescreening import unresolved
from torturefree_service.errors import Conflict, Invalid
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person, Role
from torturefree_service.workflow.services import workflow_transition


@transaction.atomic
def line_rate(*, by: Person, line: GoodsLine, entry_id: str | None, note: str = "") -> GoodsLine:
    """The officer confirms or changes a line's rating; the determination is re-run and recorded."""
    from torturefree_service.checks.services import checks_redetermine

    require_role(by, *CASEWORK)
    case = line.application.case
    if case.status == CaseStatus.CLOSED:
        raise Conflict("the case is closed", field="status")
    if (
        entry_id is not None
        and engines.catalogue().snapshot(dt.date.today()).entry(entry_id) is None
    ):
        raise Invalid(f"no list entry '{entry_id}' in force", field="entry_id")
    previous = line.rating
    line.rating = {
        "entry_id": entry_id,
        "note": note,
        "by": by.actor,
        "on": dt.date.today().isoformat(),
    }
    line.save(update_fields=["rating"])
    audit_record(
        verb="checks.rating_changed",
        subject=f"application/{line.application.reference}",
        actor=by.actor,
        payload={"line": line.line_no, "from": previous, "to": line.rating},
    )
    run = checks_redetermine(application=line.application, actor=by.actor)
    # Flags the checks do not compute (a re-screening hit) stay until a person resolves them.
    case.flags = sorted(set(flags_of(run)) | ({"rescreen_hit"} & set(case.flags)))
    case.save(update_fields=["flags"])
    return line


def _latest_advice_author(case: Case) -> Person:
    advice = case.advice.order_by("-id").first()
    if advice is None:
        raise Conflict("no advice on this case yet", field="advice")
    return advice.author


def _whose(alert: RescreenAlert) -> str:
    """The party, or the applicant organisation, an alert is on."""
    if alert.party is not None:
        return f"party '{alert.party.name}'"
    assert alert.organisation is not None  # an alert is on a party or on the applicant
    return f"applicant '{alert.organisation.name}'"


def grant_blocks(case: Case) -> list[dict[str, Any]]:
    """What still stops a grant: the latest checks, less consultations recorded since."""
    run = case.application.checks.first()
    if run is None:
        return [{"code": "no_checks", "message": "the checks have not run"}]
    blocks = [b for b in run.blocks if b["code"] != "denial_consultation"]
    # An alert on a valid licence's party concerns that licence, not a grant on its closed case.
    for alert in [a for a in unresolved(case) if a.licence_id is None]:
        blocks.append(
            {
                "code": "rescreen_hit",
                "message": f"{_whose(alert)} matches {alert.watchlist} entity "
                f"{alert.entity_id} since list version {alert.data_version}: record a "
                "disposition before granting",
            }
        )
    return blocks + consultation_blocks(case)


def consultation_blocks(case: Case, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Art. 23(2): each live denial matched to the case, until recorded as consulted, answered
    through the exchange, or its consultation's time limit has passed (a withdrawn one is gone)."""
    from torturefree_service.exchange.casework import consultation_state

    today = today or dt.date.today()
    blocks = []
    pending = case.application.denial_matches.filter(
        consultation__isnull=True, denial__revoked=False
    )
    for match in pending.select_related("denial"):
        denial = match.denial
        state = consultation_state(match, today)
        if state["status"] in ("answered", "time_limit_passed"):
            continue
        if state["status"] == "awaiting_reply":
            blocks.append(
                {
                    "code": "consultation_awaiting_reply",
                    "message": f"the consultation of {denial.issuing_state} about its denial "
                    f"{denial.reference} awaits its reply until {state['reply_by']} (Art. 23(2))",
                }
            )
            continue
        blocks.append(
            {
                "code": "denial_consultation",
                "message": f"consult {denial.issuing_state} about its denial "
                f"{denial.reference} before granting (Art. 23(2))",
            }
        )
    return blocks


@transaction.atomic
def case_decide(
    *,
    by: Person,
    case: Case,
    outcome: str,
    reasons: list[str] | None = None,
    text: str = "",
    conditions: str = "",
    validity_months: int | None = None,
    today: dt.date | None = None,
    sensitive: bool = False,
) -> Decision:
    """A senior officer who did not give the advice decides (four eyes).

    `sensitive` marks what Art. 26(3) lets the state withhold from the public report.
    """
    from torturefree_service.denials.services import denial_from_refusal, grant_notices_for
    from torturefree_service.exchange import casework
    from torturefree_service.licences.services import licence_issue
    from torturefree_service.reporting.services import store_decision

    require_role(by, Role.SENIOR_OFFICER)
    case = Case.objects.select_for_update().get(pk=case.pk)
    today = today or dt.date.today()
    if outcome not in {r.value for r in Recommendation}:
        raise Invalid("must be grant or refuse", field="outcome")
    CASE.target(case.status, "decide")
    if _latest_advice_author(case).pk == by.pk:
        raise Conflict("the officer who advised cannot decide (four eyes)", field="officer")
    reasons = _reasons(reasons or [], "reasons")
    application = case.application
    if outcome == Recommendation.GRANT:
        blocks = grant_blocks(case)
        if blocks:
            raise Conflict(
                "; ".join(b["message"] for b in blocks),
                field="outcome",
                code=f"blocked_{blocks[0]['code']}",
            )
        consulted = list(application.denial_matches.select_related("denial"))
        if consulted and not text.strip():
            raise Invalid(
                "granting despite another state's denial needs reasons (Art. 23(3))", field="text"
            )
    elif not reasons:
        raise Invalid("a refusal names at least one reason", field="reasons")
    decision = Decision.objects.create(
        case=case,
        officer=by,
        outcome=outcome,
        reasons=reasons,
        text=text,
        decided_on=today,
        sensitive=sensitive,
    )
    case.closed_at = timezone.now()
    workflow_transition(
        obj=case,
        machine=CASE,
        action="decide",
        actor=by.actor,
        subject=_subject(case),
        extra_fields=("closed_at",),
        payload={
            "outcome": outcome,
            "reasons": reasons,
            "decision": decision.pk,
            "sensitive": sensitive,
        },
    )
    action = "grant" if outcome == Recommendation.GRANT else "refuse"
    workflow_transition(
        obj=application,
        machine=APPLICATION,
        action=action,
        actor=by.actor,
        subject=f"application/{application.reference}",
        payload={"decision": decision.pk, "reasons": reasons},
    )
    if outcome == Recommendation.GRANT:
        licence = licence_issue(
            by=by,
            application=application,
            conditions=conditions,
            validity_months=validity_months,
            today=today,
        )
        grant_notices_for(
            application=application, licence=licence, reasons=text, today=today, actor=by.actor
        )
        # The pre-export notice and the grant notices commit with the licence (outbox).
        casework.on_grant(licence=licence, actor=by.actor, today=today)
        store_decision(application=application, decision=decision, licence=licence)
        return decision
    if set(reasons) != {RefusalReason.NATIONAL_BAN.value}:
        # Art. 23(4): a refusal under a national ban alone is not a dismissal to notify.
        denial = denial_from_refusal(application=application, decision=decision, actor=by.actor)
        casework.on_denial(denial=denial, actor=by.actor)
    store_decision(application=application, decision=decision)
    return decision
