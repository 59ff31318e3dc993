"""`{% release_alerts case %}`: the case page's box of answers a new release changed; and
`{% release_notices_for_applicant case %}`: the same changes told to the applicant."""

from __future__ import annotations

from typing import Any

from django import template

from torturefree_service.cases.models import Case
from torturefree_service.releases.services import open_alerts

register = template.Library()


@register.inclusion_tag("releases/case_alerts.html", takes_context=True)
def release_alerts(context: template.Context, case: Case) -> dict[str, Any]:
    # The page's CSRF token, for each alert's "reviewed" form.
    return {"alerts": open_alerts(case), "case": case, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("releases/trader_alerts.html")
def release_notices_for_applicant(case: Case | None) -> dict[str, Any]:
    """The applicant's page: every answer a new list release changed on this application or its
    licence, reviewed by the authority or not (docs/amendments.md, "Who is told")."""
    alerts = list(case.release_alerts.select_related("licence")) if case is not None else []
    return {"alerts": alerts}


@register.simple_tag
def release_review_since(licence: Any) -> Any:
    """The day from which a loaded release changed this licence's answer, while no officer has
    reviewed it (the public verify page tells customs); None otherwise."""
    pending = licence.release_alerts.filter(resolved_at__isnull=True).order_by("effective_on")
    first = pending.first()
    return first.effective_on if first is not None else None
