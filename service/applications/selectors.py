"""Application reads: a trader sees its organisation's, staff see all."""

from __future__ import annotations

from django.db.models import QuerySet

from service.applications.models import Application
from service.errors import NotFound
from service.organisations.access import require_same_organisation, trader_organisation
from service.organisations.models import Person, Role


def application_list(
    *, person: Person, status: str | None = None, type: str | None = None
) -> QuerySet[Application]:
    applications = Application.objects.select_related("organisation").order_by("-id")
    if person.role == Role.TRADER:
        applications = applications.filter(organisation_id=trader_organisation(person))
    if status:
        applications = applications.filter(status=status)
    if type:
        applications = applications.filter(type=type)
    return applications


def application_get(*, person: Person, application_id: int) -> Application:
    application = (
        Application.objects.select_related("organisation")
        .prefetch_related("lines", "parties", "documents")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound("no such application", field="id")
    if person.role == Role.TRADER and application.organisation_id != person.organisation_id:
        raise NotFound("no such application", field="id")  # do not reveal others' records
    require_same_organisation(person, application.organisation_id)
    return application
