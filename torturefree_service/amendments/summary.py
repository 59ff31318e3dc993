"""A request as the public sees it (page and JSON): status, clocks, graded evidence, panel,
questions and answers, review notes, and once decided the outcome with the dissenting opinions.
Individual votes are not shown before the decision; after it, the tally and the dissents are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.lists.amendments.state import Procedure


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def summary(procedure: Procedure, today: dt.date | None = None) -> dict[str, Any]:
    request = procedure.request
    ok, why = procedure.admissible()
    clocks = {name: _day(value) for name, value in procedure.clocks().items()}
    due = procedure.clocks()["decision_due"]
    open_ = procedure.state in ("received", "in_review")
    return {
        "id": request.id,
        "requester": request.requester,
        "change": request.change.value,
        "entry": request.entry,
        "urgent": request.urgent,
        "urgency_grounds": request.urgency_grounds,
        "state": procedure.state,
        "received": _day(procedure.received),
        "clocks": clocks,
        "overdue": bool(open_ and due and today and today > due),
        "design": request.design,
        "purposes": request.purposes,
        "rules_broken": request.rules_broken,
        "legitimate_trade": request.legitimate_trade,
        "hs_codes": [c.code for c in request.hs_codes],
        "draft": request.draft.model_dump(mode="json") if request.draft else None,
        "evidence": [
            {**g.item.model_dump(mode="json"), "grade": g.grade} for g in procedure.graded()
        ],
        "admissible": {"ok": ok, "why": why},
        "panel": [
            {"id": m.id, "name": m.name, "regional_group": m.regional_group, "fields": m.fields}
            for m in procedure.panel
        ],
        "questions": [
            {
                "number": q.number,
                "by": q.by,
                "to": q.to,
                "text": q.text,
                "at": _day(q.at),
                "answers": [{**a, "at": _day(a["at"])} for a in q.answers],
            }
            for q in procedure.questions
        ],
        "notes": [{**n, "at": _day(n["at"])} for n in procedure.notes],
        "votes_cast": len(procedure.ballots),
        "decision": _decision(procedure),
        "objections": [{**o, "at": _day(o["at"])} for o in procedure.objections],
        "citations": {name: procedure.rules.cite(name) for name in procedure.rules.values},
    }


def _decision(procedure: Procedure) -> dict[str, Any] | None:
    decision = procedure.decision
    if decision is None:
        return None
    tally = decision.tally
    return {
        "at": _day(decision.at),
        "adopted": tally.adopted,
        "by": tally.by,
        "words": tally.words(),
        "yes": tally.yes,
        "no": tally.no,
        "abstain": tally.abstain,
        "reasons": decision.reasons,
        "applies_from": _day(decision.applies_from),
        "objection_until": _day(decision.objection_until),
        "dissents": [{"expert": d.expert, "opinion": d.opinion} for d in tally.dissents],
    }
