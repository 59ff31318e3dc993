"""Records as JSON for the API: plain functions, no logic beyond shaping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree_service.applications.models import Application
from torturefree_service.cases.models import Case
from torturefree_service.cases.services import elapsed_working_days
from torturefree_service.checks.rescreening import alert_out
from torturefree_service.denials.models import Denial
from torturefree_service.licences.models import Licence


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def application_out(a: Application, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.pk,
        "reference": a.reference,
        "type": a.type,
        "status": a.status,
        "organisation": {"id": a.organisation_id, "name": a.organisation.name},
        "origin": a.origin,
        "destination": a.destination,
        "end_use": a.end_use,
        "submitted_at": _iso(a.submitted_at),
        "amends_id": a.amends_id,  # amend by copy: the superseded original
    }
    if full:
        out.update(
            {
                "transit_countries": a.transit_countries,
                "goods_location": a.goods_location,
                "end_use_detail": a.end_use_detail,
                "distributor_arrangements": a.distributor_arrangements,
                "requested_validity_months": a.requested_validity_months,
                "first_use_on": _iso(a.first_use_on),
                "first_use_notified_on": _iso(a.first_use_notified_on),
                "lines": [
                    {
                        "line_no": ln.line_no,
                        "description": ln.description,
                        "cn_code": ln.cn_code,
                        "cas": ln.cas,
                        "entry_id": ln.entry_id,
                        "quantity": str(ln.quantity),
                        "unit": ln.unit,
                        "value": str(ln.value),
                        "currency": ln.currency,
                        "rating": ln.rating,
                    }
                    for ln in a.lines.all()
                ],
                "parties": [
                    {
                        "id": p.pk,
                        "role": p.role,
                        "name": p.name,
                        "country": p.country,
                        "address": p.address,
                        "type": p.type,
                    }
                    for p in a.parties.all()
                ],
                "documents": [
                    {
                        "id": d.pk,
                        "kind": d.kind,
                        "filename": d.filename,
                        "size": d.size,
                        "sha256": d.sha256,
                    }
                    for d in a.documents.all()
                ],
            }
        )
    return out


def checks_out(a: Application) -> dict[str, Any] | None:
    run = a.checks.first()
    if run is None:
        return None
    return {
        "ran_at": _iso(run.ran_at),
        "data_release": run.data_release,
        "versions": run.versions,
        "outcome": run.outcome,
        "determination": run.determination,
        "identification": run.identification,
        "screening": run.screening,
        "risk": run.risk,
        "denial_matches": run.denial_matches,
        "blocks": run.blocks,
    }


def case_out(c: Case, today: dt.date | None = None) -> dict[str, Any]:
    return {
        "id": c.pk,
        "reference": c.reference,
        "status": c.status,
        "application_id": c.application_id,
        "application_type": c.application_type,
        "destination": c.destination,
        "assigned_to": c.assigned_to.user.username if c.assigned_to else None,
        "opened_on": _iso(c.opened_on),
        "sla_due": _iso(c.sla_due),
        "overdue": (today or dt.date.today()) > c.sla_due and c.status != "closed",
        "flags": c.flags,
    }


def case_detail(c: Case, staff: bool) -> dict[str, Any]:
    out = case_out(c)
    out["elapsed_working_days"] = elapsed_working_days(c)
    out["stopped_working_days"] = c.stopped_days
    out["questions"] = [
        {
            "id": q.pk,
            "text": q.text,
            "asked_on": _iso(q.asked_on),
            "answer": q.answer,
            "answered_on": _iso(q.answered_on),
        }
        for q in c.questions.all()
    ]
    out["notes"] = [
        {
            "id": n.pk,
            "text": n.text,
            "author": n.author.user.username,
            "visible_to_applicant": n.visible_to_applicant,
        }
        for n in c.notes.select_related("author__user")
        if staff or n.visible_to_applicant
    ]
    out["decisions"] = [
        {
            "outcome": d.outcome,
            "reasons": d.reasons,
            "text": d.text,
            "decided_on": _iso(d.decided_on),
        }
        for d in c.decisions.all()
    ]
    if staff:
        out["application"] = application_out(c.application, full=True)
        out["checks"] = checks_out(c.application)
        out["advice"] = [
            {
                "author": a.author.user.username,
                "recommendation": a.recommendation,
                "reasons": a.reasons,
                "text": a.text,
            }
            for a in c.advice.select_related("author__user")
        ]
        out["denial_matches"] = [
            {
                "id": m.pk,
                "denial": f"{m.denial.issuing_state}/{m.denial.reference}",
                "score": m.score,
                "reasons": m.reasons,
                "consultation": {
                    "answer": m.consultation.answer,
                    "notes": m.consultation.notes,
                    "recorded_on": _iso(m.consultation.recorded_on),
                }
                if hasattr(m, "consultation")
                else None,
            }
            for m in c.application.denial_matches.select_related("denial")
        ]
        out["rescreen_alerts"] = [alert_out(a) for a in c.rescreen_alerts.all()]
    return out


def licence_out(lc: Licence, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": lc.pk,
        "number": lc.number,
        "kind": lc.kind,
        "status": lc.status,
        "organisation": {"id": lc.organisation_id, "name": lc.organisation.name},
        "destination": lc.destination,
        "issued_on": _iso(lc.issued_on),
        "valid_until": _iso(lc.valid_until),
        "verification_code": lc.verification_code,
    }
    if full:
        out.update(
            {
                "application_id": lc.application_id,
                "conditions": lc.conditions,
                "extended_months": lc.extended_months,
                "line_version": lc.line_version,
                "data_release": lc.data_release,
                "citation": lc.citation,
                "lines": [
                    {
                        "line_no": ln.line_no,
                        "description": ln.description,
                        "entry_id": ln.entry_id,
                        "quantity": str(ln.quantity),
                        "used_quantity": str(ln.used_quantity),
                        "remaining": str(ln.quantity - ln.used_quantity),
                        "unit": ln.unit,
                        "value": str(ln.value),
                        "used_value": str(ln.used_value),
                        "currency": ln.currency,
                    }
                    for ln in lc.lines.all()
                ],
                "shipments": [
                    {
                        "customs_reference": s.customs_reference,
                        "line_no": s.line.line_no,
                        "shipped_on": _iso(s.shipped_on),
                        "quantity": str(s.quantity),
                    }
                    for s in lc.shipments.select_related("line")
                ],
            }
        )
    return out


def denial_out(d: Denial) -> dict[str, Any]:
    return {
        "id": d.pk,
        "direction": d.direction,
        "kind": d.kind,
        "issuing_state": d.issuing_state,
        "reference": d.reference,
        "decided_on": _iso(d.decided_on),
        "activity": d.activity,
        "destination": d.destination,
        "end_user_name": d.end_user_name,
        "consignee_name": d.consignee_name,
        "goods_description": d.goods_description,
        "entries": d.entries,
        "reason_codes": d.reason_codes,
        "reason_text": d.reason_text,
        "revoked": d.revoked,
        "notify_by": _iso(d.notify_by),
        "notified_on": _iso(d.notified_on),
        "overdue": bool(d.notify_by and not d.notified_on and dt.date.today() > d.notify_by),
    }
