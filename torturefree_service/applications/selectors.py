"""Application reads: a trader sees its organisation's, staff see all."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from torturefree_service.applications.models import Application, Party
from torturefree_service.errors import NotFound
from torturefree_service.organisations.access import require_same_organisation, trader_organisation
from torturefree_service.organisations.models import Person, Role


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


def application_preview(
    *, person: Person, application: Application, day: dt.date | None = None
) -> dict[str, Any]:
    """Live identification and determination of a draft's lines, before anything is submitted.

    The trader sees, line by line, why goods are controlled or prohibited (the pages of #8); the
    same engines run again on submit and that run is the one on record.
    """
    from django.conf import settings

    from torturefree.errors import InputError
    from torturefree.goods.query import GoodsQuery
    from torturefree_service.checks import engines
    from torturefree_service.checks.transaction import as_transaction

    require_same_organisation(person, application.organisation_id)
    day = day or dt.date.today()
    engine = engines.engine()  # first: classifiers() reads the catalogue the engine loads
    classifier = engines.classifiers().get(settings.TORTUREFREE_JURISDICTION, day)
    lines = list(application.lines.all())
    identification = [
        classifier.classify(
            GoodsQuery(
                description=line.description or None,
                hs_code=line.cn_code or None,
                cas=line.cas or None,
                id=str(line.line_no),
            )
        ).as_dict(str(line.line_no))
        for line in lines
    ]
    determination: dict[str, Any] | None = None
    problem = ""
    if lines:
        try:
            determination = engine.determine(as_transaction(application, day)).to_dict()
        except InputError as error:
            problem = f"{error.field}: {error.reason}" if error.field else error.reason
    return {"identification": identification, "determination": determination, "problem": problem}


def party_history(*, person: Person, limit: int = 50) -> list[Party]:
    """Parties the trader's organisation named before, newest first, one per name and role."""
    seen: set[tuple[str, str, str]] = set()
    out: list[Party] = []
    rows = Party.objects.filter(application__organisation_id=trader_organisation(person)).order_by(
        "-id"
    )
    for party in rows[: limit * 5]:
        key = (party.role, party.name.casefold(), party.country)
        if key not in seen:
            seen.add(key)
            out.append(party)
    return out[:limit]
