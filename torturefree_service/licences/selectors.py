"""Licence reads."""

from __future__ import annotations

from django.db.models import QuerySet

from torturefree_service.licences.models import Licence
from torturefree_service.organisations.access import trader_organisation
from torturefree_service.organisations.models import Person, Role


def licence_list(*, person: Person, status: str | None = None) -> QuerySet[Licence]:
    licences = Licence.objects.select_related("organisation").order_by("-id")
    if person.role == Role.TRADER:
        licences = licences.filter(organisation_id=trader_organisation(person))
    if status:
        licences = licences.filter(status=status)
    return licences


def licence_by_code(code: str) -> Licence | None:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return (
        Licence.objects.select_related("organisation")
        .prefetch_related("lines")
        .filter(verification_code=cleaned)
        .first()
    )
