"""Administrators vet organisations and manage people; auditors read the trail and the ledger."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.audit.services import audit_events, ledger_verify
from torturefree_service.errors import NotFound, ServiceError
from torturefree_service.organisations.models import Organisation, Role
from torturefree_service.organisations.services import (
    organisation_list,
    organisation_vet,
    person_create,
    person_list,
    person_update,
)
from torturefree_service.organisations.states import ORGANISATION
from torturefree_service.web.access import attach, for_roles, me
from torturefree_service.web.staffforms import (
    VETTING,
    AuditForm,
    PersonChangeForm,
    PersonForm,
    VetForm,
)

administrators = for_roles(Role.ADMINISTRATOR)
AUDIT_PAGE = 100


def _vet_form(organisation: Organisation, data: object = None) -> VetForm:
    allowed = [a for a in VETTING if ORGANISATION.allows(organisation.status, a)]
    return VetForm(data, allowed=allowed, prefix=f"org{organisation.pk}")


def _organisations(request: HttpRequest, bound: VetForm | None = None, at: int = 0) -> HttpResponse:
    rows = list(organisation_list(by=me(request)))
    forms = {o.pk: bound if bound is not None and o.pk == at else _vet_form(o) for o in rows}
    context = {"rows": [(o, forms[o.pk]) for o in rows], "at": at}
    return render(
        request, "web/admin/organisations.html", context, status=400 if bound is not None else 200
    )


@administrators
def organisations(request: HttpRequest) -> HttpResponse:
    return _organisations(request)


@administrators
@require_POST
def vet(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound(_("No such organisation."), field="id")
    form = _vet_form(organisation, request.POST)
    if form.is_valid():
        try:
            status = organisation_vet(
                by=me(request), organisation=organisation, **form.cleaned_data
            )
        except ServiceError as error:
            attach(form, error)
        else:
            from torturefree_service.web.labels import label

            messages.success(
                request,
                _("%(name)s: %(status)s.") % {"name": organisation.name, "status": label(status)},
            )
            return redirect("web:organisations")
    return _organisations(request, form, organisation.pk)


@administrators
def people(request: HttpRequest) -> HttpResponse:
    who = me(request)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = None
        if data["organisation"]:
            organisation = Organisation.objects.filter(pk=data["organisation"]).first()
        try:
            created = person_create(
                username=data["username"],
                password=data["password"],
                role=data["role"],
                organisation=organisation,
                by=who,
            )
        except ServiceError as error:
            attach(form, error)
        else:
            messages.success(
                request, _("%(name)s can now sign in.") % {"name": created.user.username}
            )
            return redirect("web:people")
    context = {"form": form, "people": list(person_list(by=who)[:500])}
    return render(request, "web/admin/people.html", context, status=400 if form.is_bound else 200)


@administrators
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    """One person: change the role, deactivate or reactivate the login, with a reason."""
    who = me(request)
    found = person_list(by=who).filter(pk=person_id).first()
    if found is None:
        raise NotFound(_("No such person."), field="id")
    initial = {"role": found.role, "active": found.user.is_active}
    form = PersonChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = person_update(
                by=who, person=found, role=data["role"], active=data["active"],
                reason=data["reason"],
            )  # fmt: skip
        except ServiceError as error:
            attach(form, error)
        else:
            if done:
                messages.success(request, _("%(name)s: changes saved.") % {"name": found.user})
                return redirect("web:people")
            form.add_error(None, _("Nothing was changed."))
    context = {"form": form, "subject": found, "is_me": found.pk == who.pk}
    return render(request, "web/admin/person.html", context, status=400 if form.is_bound else 200)


@for_roles(Role.AUDITOR, Role.SENIOR_OFFICER, Role.ADMINISTRATOR)
def audit(request: HttpRequest) -> HttpResponse:
    """The audit trail by subject, and on request the ledger's hash chain walked end to end."""
    who = me(request)
    form = AuditForm(request.GET or None)
    subject = form.cleaned_data["subject"].strip() if form.is_valid() else ""
    verified = None
    if request.method == "POST":
        verified = ledger_verify(by=who)
    rows = audit_events(person=who, subject=subject or None)
    context = {
        "form": form,
        "events": list(rows[:AUDIT_PAGE]),
        "count": rows.count(),
        "subject": subject,
        "verified": verified,
        "can_verify": who.role in (Role.AUDITOR, Role.ADMINISTRATOR),
    }
    return render(request, "web/admin/audit.html", context)
