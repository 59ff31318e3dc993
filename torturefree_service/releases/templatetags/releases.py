"""`{% release_alerts case %}`: the case page's box of answers a new release changed."""

from __future__ import annotations

from typing import Any

from django import template

from torturefree_service.cases.models import Case
from torturefree_service.releases.services import open_alerts

register = template.Library()


@register.inclusion_tag("releases/case_alerts.html")
def release_alerts(case: Case) -> dict[str, Any]:
    return {"alerts": open_alerts(case)}
