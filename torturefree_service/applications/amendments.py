"""Amend by copy: a submitted application the trader must change is copied to a new draft and
the original marked superseded; submitted records never change in place (lessons.md §1.1.6)."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from torturefree_service.applications.models import Application
from torturefree_service.applications.states import APPLICATION
from torturefree_service.audit.services import audit_record
from torturefree_service.cases.services import case_withdraw
from torturefree_service.cases.states import OPEN
from torturefree_service.organisations.access import require_role, require_same_organisation
from torturefree_service.organisations.models import Person, Role
from torturefree_service.workflow.services import workflow_transition

# What a copy carries over; status, reference, dates and the checks belong to the original.
COPIED = (
    "organisation_id",
    "type",
    "origin",
    "destination",
    "transit_countries",
    "goods_location",
    "end_use",
    "end_use_detail",
    "distributor_arrangements",
    "requested_validity_months",
)


@transaction.atomic
def application_amend(*, by: Person, application: Application) -> Application:
    """A new draft copied from `application` (lines, parties, documents); the original is
    superseded and its open case closed. The trader edits and submits the copy."""
    require_role(by, Role.TRADER)
    require_same_organisation(by, application.organisation_id)
    original = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.target(original.status, "supersede")
    copy = Application.objects.create(
        reference=f"draft-{uuid.uuid4().hex[:12]}",
        created_by=by,
        amends=original,
        **{name: getattr(original, name) for name in COPIED},
    )
    copy.reference = f"TF-{timezone.now().year}-{copy.pk:06d}"
    copy.save(update_fields=["reference"])
    for related in ("lines", "parties", "documents"):
        for row in getattr(original, related).all():
            row.pk, row._state.adding, row.application = None, True, copy
            if related == "lines":
                row.rating = None  # the officer rated the original's words, not the copy's
            row.save()
    workflow_transition(
        obj=original,
        machine=APPLICATION,
        action="supersede",
        actor=by.actor,
        subject=f"application/{original.reference}",
        payload={"superseded_by": copy.reference},
    )
    audit_record(
        verb="application.amend",
        subject=f"application/{copy.reference}",
        actor=by.actor,
        payload={"amends": original.reference},
        to_state=copy.status,
    )
    case = getattr(original, "case", None)
    if case is not None and case.status in OPEN:
        case_withdraw(case=case, actor=by.actor)
    return copy
