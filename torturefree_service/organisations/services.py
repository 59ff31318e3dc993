"""Organisation vetting, people and tokens."""

from __future__ import annotations

import functools
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, QuerySet, Value, When

from torturefree.lists.countries import Countries, load_countries
from torturefree.paths import data_dir
from torturefree_service.errors import Conflict, Invalid, NotFound, Throttled
from torturefree_service.organisations.access import require_role
from torturefree_service.organisations.models import (
    ApiToken,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    Person,
    Role,
)
from torturefree_service.organisations.states import ORGANISATION
from torturefree_service.workflow.services import workflow_transition


@functools.cache
def _countries() -> Countries:
    return load_countries(data_dir())


def check_country(code: object, field: str) -> str:
    """An ISO 3166-1 alpha-2 code known to the data, upper-cased."""
    value = str(code or "").strip().upper()
    if not _countries().known(value):
        raise Invalid(f"unknown country code '{code}'", field=field)
    return value


def organisation_create(
    *,
    by: Person | None,
    name: str,
    kind: str,
    country: str,
    registration_number: str = "",
    eori: str = "",
    address: str = "",
) -> Organisation:
    if by is not None:
        require_role(by, Role.ADMINISTRATOR)
    if not name.strip():
        raise Invalid("a name is required", field="name")
    if kind not in {k.value for k in OrganisationKind}:
        raise Invalid(f"unknown kind '{kind}'", field="kind")
    return Organisation.objects.create(
        name=name.strip(),
        kind=kind,
        country=check_country(country, "country"),
        registration_number=registration_number,
        eori=eori,
        address=address,
    )


@transaction.atomic
def organisation_vet(
    *, by: Person, organisation: Organisation, action: str, reason: str = ""
) -> str:
    """Submit, activate, reject or suspend an organisation (administrators vet)."""
    require_role(by, Role.ADMINISTRATOR)
    if action not in ORGANISATION.actions:
        raise Invalid(f"unknown action '{action}'", field="action")
    return workflow_transition(
        obj=organisation,
        machine=ORGANISATION,
        action=action,
        actor=by.actor,
        subject=f"organisation/{organisation.pk}",
        payload={"reason": reason, "name": organisation.name},
    )


def person_create(
    *,
    username: str,
    password: str,
    role: str,
    organisation: Organisation | None = None,
    by: Person | None = None,
) -> Person:
    """A login with a role; traders belong to an organisation, staff to none."""
    if by is not None:
        require_role(by, Role.ADMINISTRATOR)
    if role not in {r.value for r in Role}:
        raise Invalid(f"unknown role '{role}'", field="role")
    if (role == Role.TRADER) != (organisation is not None):
        raise Invalid("traders, and only traders, belong to an organisation", field="organisation")
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise Conflict(f"user '{username}' exists", field="username")
    user = user_model.objects.create_user(username=username, password=password)
    return Person.objects.create(user=user, role=role, organisation=organisation)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_issue(*, person: Person, label: str = "", secret: str | None = None) -> str:
    """A new bearer token; only its digest is kept. `secret` lets the demo print fixed logins."""
    value = secret or f"tf_{secrets.token_urlsafe(32)}"
    ApiToken.objects.get_or_create(
        digest=_digest(value), defaults={"person": person, "label": label}
    )
    return value


def token_person(secret: str) -> Person | None:
    token = (
        ApiToken.objects.select_related("person__user", "person__organisation")
        .filter(digest=_digest(secret), revoked=False)
        .first()
    )
    if token is None or not token.person.user.is_active:
        return None
    return token.person


def token_login(*, username: str, password: str, otp_code: str | None = None) -> str:
    """A token for a username and password, and the second factor when the account has one or
    its role needs one (#19); 429 while the account or the address is throttled."""
    from django.contrib.auth import authenticate

    from torturefree_service.ops import otp, throttle

    wait = throttle.retry_after(username, throttle.current_address())
    if wait:
        raise Throttled("too many failed sign-ins: try again later", wait, field="password")
    user = authenticate(username=username, password=password)
    if user is None:
        raise Invalid("wrong username or password", field="password")
    try:
        person = Person.objects.get(user=user)
    except Person.DoesNotExist as error:
        raise NotFound("this user has no role", field="username") from error
    otp.token_gate(user, otp_code)
    return token_issue(person=person, label="login")


def require_active(organisation: Organisation) -> None:
    if organisation.status != OrganisationStatus.ACTIVE:
        raise Conflict("the organisation is not vetted (active) yet", field="organisation")


@transaction.atomic
def organisation_register(
    *,
    name: str,
    kind: str,
    country: str,
    username: str,
    password: str,
    registration_number: str = "",
    eori: str = "",
    address: str = "",
) -> Person:
    """Self-registration: a draft organisation and its first trader; administrators vet it."""
    if kind == OrganisationKind.AUTHORITY:
        raise Invalid("an authority is not registered here", field="kind")
    if not username.strip():
        raise Invalid("required", field="username")
    if len(password) < 10:
        raise Invalid("at least 10 characters", field="password")
    organisation = organisation_create(
        by=None,
        name=name,
        kind=kind,
        country=country,
        registration_number=registration_number,
        eori=eori,
        address=address,
    )
    return person_create(
        username=username.strip(), password=password, role=Role.TRADER, organisation=organisation
    )


def organisation_list(*, by: Person) -> QuerySet[Organisation]:
    """Organisations for administrators: those waiting for vetting first, then by name."""
    require_role(by, Role.ADMINISTRATOR)
    waiting = Case(When(status__in=["draft", "in_review"], then=Value(0)), default=Value(1))
    return Organisation.objects.annotate(waiting=waiting).order_by("waiting", "name")


def person_list(*, by: Person) -> QuerySet[Person]:
    """Every login with its role and organisation (administrators)."""
    require_role(by, Role.ADMINISTRATOR)
    return Person.objects.select_related("user", "organisation").order_by("role", "user__username")


# Changing people (#8): the audit verbs are registered here with setdefault, as the evidence
# register does, so an entry the audit owner adds to VERB_EVENT_TYPES later wins.
def _register_person_verbs() -> None:
    from torturefree.records import EventType
    from torturefree_service.audit.services import VERB_EVENT_TYPES

    for verb in ("person.role", "person.deactivate", "person.reactivate"):
        VERB_EVENT_TYPES.setdefault(verb, ("person_changed", EventType.DISPOSITION_RECORDED))


@transaction.atomic
def person_update(
    *, by: Person, person: Person, role: str | None = None, active: bool | None = None, reason: str
) -> list[str]:
    """An administrator changes a person's role or (de)activates the login; one audit event per
    change, and the verbs changed are returned (none when nothing changed)."""
    from torturefree_service.audit.services import audit_record

    require_role(by, Role.ADMINISTRATOR)
    _register_person_verbs()
    if not reason.strip():
        raise Invalid("a reason is required", field="reason")
    if person.pk == by.pk:
        # An administrator locking themselves out (or demoting the last administrator) by
        # mistake cannot be undone from the pages; another administrator does it.
        raise Conflict("you cannot change your own role or access", field="role")
    done: list[str] = []
    subject = f"person/{person.user.username}"
    if role is not None and role != person.role:
        if role not in {r.value for r in Role}:
            raise Invalid(f"unknown role '{role}'", field="role")
        if (role == Role.TRADER) != (person.role == Role.TRADER):
            # Traders act for an organisation and staff for none; one login never crosses over.
            raise Invalid("a trader cannot become staff or staff a trader", field="role")
        audit_record(
            verb="person.role", subject=subject, actor=by.actor,
            from_state=person.role, to_state=role, payload={"reason": reason},
        )  # fmt: skip
        person.role = role
        person.save(update_fields=["role"])
        done.append("person.role")
    user = person.user
    if active is not None and active != user.is_active:
        verb = "person.reactivate" if active else "person.deactivate"
        audit_record(
            verb=verb, subject=subject, actor=by.actor,
            from_state="active" if user.is_active else "inactive",
            to_state="active" if active else "inactive", payload={"reason": reason},
        )  # fmt: skip
        user.is_active = active
        # Sessions end at the next request (Django's backend refuses inactive users) and tokens
        # at once (token_person checks is_active); reactivating brings both back.
        user.save(update_fields=["is_active"])
        done.append(verb)
    return done
