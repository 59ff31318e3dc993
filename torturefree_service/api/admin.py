"""Administration: organisations (vetting), people and tokens; token login for everyone."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from torturefree_service.api.common import person
from torturefree_service.api.schemas import LoginIn, OrganisationIn, UserIn, VetIn
from torturefree_service.errors import NotFound
from torturefree_service.ops import otp
from torturefree_service.organisations import services
from torturefree_service.organisations.access import STAFF, require_role
from torturefree_service.organisations.models import Organisation, Role

router = Router(tags=["administration"])
login = Router(tags=["authentication"])


def org_out(o: Organisation) -> dict[str, Any]:
    return {
        "id": o.pk,
        "name": o.name,
        "kind": o.kind,
        "country": o.country,
        "status": o.status,
        "gea_barred": o.gea_barred,
    }


@login.post("/auth/token", auth=None, summary="Exchange a username and password for a token")
def token(request: HttpRequest, body: LoginIn) -> dict[str, str]:
    token = services.token_login(username=body.username, password=body.password, otp_code=body.otp)
    return {"token": token}


@router.get("/me")
def me(request: HttpRequest) -> dict[str, Any]:
    who = person(request)
    return {
        "username": who.user.username,
        "role": who.role,
        "organisation": org_out(who.organisation) if who.organisation else None,
    }


@router.get("/organisations")
def list_organisations(request: HttpRequest) -> list[dict[str, Any]]:
    who = person(request)
    if who.role == Role.TRADER:
        return [org_out(who.organisation)] if who.organisation else []
    require_role(who, *STAFF)
    return [org_out(o) for o in Organisation.objects.order_by("name")[:500]]


@router.post("/organisations", response={201: dict})
def create_organisation(request: HttpRequest, body: OrganisationIn) -> Status[dict[str, Any]]:
    return Status(
        201, org_out(services.organisation_create(by=person(request), **body.model_dump()))
    )


@router.post("/organisations/{organisation_id}/vetting")
def vet(request: HttpRequest, organisation_id: int, body: VetIn) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.ADMINISTRATOR)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound("no such organisation", field="id")
    services.organisation_vet(
        by=who, organisation=organisation, action=body.action, reason=body.reason
    )
    return org_out(organisation)


@router.post("/users", response={201: dict})
def create_user(request: HttpRequest, body: UserIn) -> Status[dict[str, Any]]:
    who = person(request)
    require_role(who, Role.ADMINISTRATOR)
    organisation = None
    if body.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=body.organisation_id).first()
        if organisation is None:
            raise NotFound("no such organisation", field="organisation_id")
    created = services.person_create(
        username=body.username,
        password=body.password,
        role=body.role,
        organisation=organisation,
        by=who,
    )
    return Status(
        201,
        {
            "username": created.user.username,
            "role": created.role,
            # No token where the role needs a second factor: it must enrol, then sign in (#19).
            "token": None
            if otp.required(created.user)
            else services.token_issue(person=created, label="created"),
        },
    )
