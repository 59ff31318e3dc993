"""Who may do what: roles checked in services, so the API and the pages share one rule book."""

from __future__ import annotations

from torturefree_service.errors import Forbidden
from torturefree_service.organisations.models import Person, Role

STAFF = (Role.CASEWORKER, Role.SENIOR_OFFICER, Role.AUDITOR, Role.ADMINISTRATOR)
CASEWORK = (Role.CASEWORKER, Role.SENIOR_OFFICER)
READERS = (Role.CASEWORKER, Role.SENIOR_OFFICER, Role.AUDITOR)


def require_role(person: Person, *roles: Role) -> None:
    if person.role not in roles:
        wanted = ", ".join(r.value for r in roles)
        raise Forbidden(f"role '{person.role}' may not do this (needs {wanted})")


def trader_organisation(person: Person) -> int:
    """The organisation a trader acts for; a trader without one may see nothing."""
    if person.organisation_id is None:
        raise Forbidden("this login acts for no organisation")
    return person.organisation_id


def require_same_organisation(person: Person, organisation_id: int | None) -> None:
    """A trader sees only its own organisation's work; staff roles see all."""
    if person.role == Role.TRADER and person.organisation_id != organisation_id:
        raise Forbidden("this belongs to another organisation")
