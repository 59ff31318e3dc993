"""Template helpers for the hub's pages."""

from __future__ import annotations

from django import template

from torturefree_service.hub.labels import hub_label

register = template.Library()


@register.filter
def hublabel(code: object) -> str:
    return hub_label(code)
