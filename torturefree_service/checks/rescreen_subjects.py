"""Who re-screening looks at: the parties of open cases and of valid licences, and each
applicant organisation once with its cases; the queries are those of the checks on submit, so
subject keys (and dispositions) line up."""

from __future__ import annotations

import datetime as dt

from torturefree.screening.query import Query
from torturefree_service.applications.models import Party
from torturefree_service.cases.models import Case
from torturefree_service.cases.states import OPEN
from torturefree_service.licences.models import Licence
from torturefree_service.licences.states import LIVE
from torturefree_service.organisations.models import Organisation

# Who a re-screened party belongs to: its case and, for a valid licence's party, the licence.
Owner = tuple[Case, Party, Licence | None]
# The applicant's cases: each open case, and each valid licence with its (closed) case.
Applicant = tuple[Organisation, list[tuple[Case, Licence | None]]]


def party_query(party: Party) -> Query:
    """The same query (so the same subject key) as the checks on submit and dispositions use."""
    return Query(
        id=f"party/{party.pk}", name=party.name, schema=party.schema, country=party.country.lower()
    )


def applicant_query(organisation: Organisation) -> Query:
    """The applicant as the checks on submit screen it (so the same subject key)."""
    return Query(
        id=f"organisation/{organisation.pk}",
        name=organisation.name,
        schema="Organization",
        country=organisation.country.lower(),
    )


def cases_open() -> list[Case]:
    cases = Case.objects.filter(status__in=list(OPEN)).select_related("application__organisation")
    return list(cases.prefetch_related("application__parties", "application__checks"))


def parties_of_open(cases: list[Case]) -> dict[str, Owner]:
    out: dict[str, Owner] = {}
    for case in cases:
        for party in case.application.parties.all():
            out[f"party/{party.pk}"] = (case, party, None)
    return out


def cases_licensed() -> list[Case]:
    """The cases of every valid licence: issued or suspended (it may be reinstated) and not
    past its validity, even before the day's expiry run has marked it expired."""
    cases = (
        Case.objects.filter(
            application__licence__status__in=list(LIVE),
            application__licence__valid_until__gte=dt.date.today(),
        )
        .select_related("application__licence", "application__organisation")
        .prefetch_related("application__parties", "application__checks")
    )
    return list(cases)


def parties_of_licences(cases: list[Case]) -> dict[str, Owner]:
    out: dict[str, Owner] = {}
    for case in cases:
        for party in case.application.parties.all():
            out[f"party/{party.pk}"] = (case, party, case.application.licence)
    return out


def applicants_with_cases(open_cases: list[Case], licensed: list[Case]) -> dict[str, Applicant]:
    """Each applicant organisation once, with every open case and valid licence it holds."""
    out: dict[str, Applicant] = {}
    owners = [(c, None) for c in open_cases] + [(c, c.application.licence) for c in licensed]
    for case, licence in owners:
        organisation = case.application.organisation
        key = f"organisation/{organisation.pk}"
        out.setdefault(key, (organisation, []))[1].append((case, licence))
    return out
