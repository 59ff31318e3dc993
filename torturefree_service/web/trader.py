"""The trader portal: applications with status and clock, the guided draft, questions, GEA."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.applications import services
from torturefree_service.applications.models import Application, ApplicationStatus
from torturefree_service.applications.selectors import (
    application_get,
    application_list,
    application_preview,
    party_history,
)
from torturefree_service.applications.types import TYPES, ApplicationType
from torturefree_service.cases.selectors import question_get, questions_open
from torturefree_service.cases.services import case_answer, elapsed_working_days
from torturefree_service.errors import ServiceError
from torturefree_service.licences.selectors import licence_list
from torturefree_service.ops import uploads
from torturefree_service.organisations.models import Role
from torturefree_service.web import drafts
from torturefree_service.web.access import attach, carried_out, for_roles, me
from torturefree_service.web.forms import (
    AnswerForm,
    DocumentForm,
    FirstUseForm,
    LineForm,
    PartyForm,
    StartForm,
)

trader = for_roles(Role.TRADER)


@trader
def home(request: HttpRequest) -> HttpResponse:
    who = me(request)
    applications = list(
        application_list(person=who).select_related("case").prefetch_related("case__questions")
    )
    rows = [
        {
            "application": a,
            "case": getattr(a, "case", None),
            "elapsed": elapsed_working_days(a.case) if hasattr(a, "case") else None,
        }
        for a in applications
    ]
    context = {
        "rows": rows,
        "questions": list(questions_open(person=who)),
        "licences": list(licence_list(person=who)[:50]),
        "organisation": who.organisation,
    }
    return render(request, "web/trader/home.html", context)


@trader
def start(request: HttpRequest) -> HttpResponse:
    initial = {"end_use": "law_enforcement"}
    if request.GET.get("type") in {t.value for t in ApplicationType}:
        initial["type"] = request.GET["type"]
        if TYPES[ApplicationType(initial["type"])].museum:
            initial["end_use"] = "museum_display"
    form = StartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = drafts.details_input(form.cleaned_data)
        try:
            application = services.application_create(
                by=me(request), type=form.cleaned_data["type"], data=data
            )
        except ServiceError as error:
            attach(form, error)
        else:
            return redirect("web:draft", application.pk, "goods")
    manifests = {t.value: TYPES[t] for t in ApplicationType}
    return render(request, "web/trader/start.html", {"form": form, "manifests": manifests})


def _draft_context(request: HttpRequest, application: Application, step: str) -> dict[str, Any]:
    who = me(request)
    context: dict[str, Any] = {
        "application": application,
        "step": step,
        "steps": drafts.STEPS,
        "step_no": drafts.STEPS.index(step) + 1,
        "manifest": TYPES[ApplicationType(application.type)],
    }
    if step == "details":
        initial = {f: getattr(application, f) for f in services.EDITABLE} | {
            "type": application.type
        }
        context["form"] = StartForm(initial=initial)
    elif step == "goods":
        preview = application_preview(person=who, application=application)
        context |= {"rows": drafts.preview_rows(application, preview), "preview": preview}
        context["form"] = LineForm()
    elif step == "parties":
        context |= {"form": PartyForm(), "history": party_history(person=who)}
    elif step == "documents":
        context["form"] = DocumentForm()
    else:
        preview = application_preview(person=who, application=application)
        rows = drafts.preview_rows(application, preview)
        prohibited = [r for r in rows if r["determination"].get("outcome") == "prohibited"]
        context |= {"rows": rows, "preview": preview, "prohibited": prohibited}
        context["museum"] = drafts.museum_type(application)
    return context


@trader
def draft(request: HttpRequest, application_id: int, step: str = "goods") -> HttpResponse:
    application = application_get(person=me(request), application_id=application_id)
    if application.status != ApplicationStatus.DRAFT:
        return redirect("web:application", application.pk)
    if step not in drafts.STEPS:
        step = "goods"
    context = _draft_context(request, application, step)
    return render(request, "web/trader/draft.html", context)


def _again(request: HttpRequest, application: Application, step: str, **forms: Any) -> HttpResponse:
    """The same step again with the bound form: field messages and everything typed kept."""
    context = _draft_context(request, application, step) | forms
    return render(request, "web/trader/draft.html", context, status=400)


@trader
@require_POST
def draft_details(request: HttpRequest, application_id: int) -> HttpResponse:
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    form = StartForm(request.POST)

    def update(data: dict[str, Any]) -> object:
        details = drafts.details_input(data)
        return services.application_update(by=who, application=application, data=details)

    if carried_out(form, update):
        return redirect("web:draft", application.pk, "goods")
    return _again(request, application, "details", form=form)


@trader
@require_POST
def line_add(request: HttpRequest, application_id: int) -> HttpResponse:
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    form = LineForm(request.POST)
    lines = drafts.lines_data(application)

    def add(data: dict[str, Any]) -> object:
        added = [*lines, drafts.line_input(data)]
        return services.application_update(by=who, application=application, data={"lines": added})

    # The new line is the service's lines[len(lines)]: its refusals belong on this form's fields.
    if carried_out(form, add, {f"lines[{len(lines)}].{k}": k for k in form.fields}):
        messages.success(request, _("Line added. See below how it is identified."))
        return redirect("web:draft", application.pk, "goods")
    return _again(request, application, "goods", form=form)


@trader
@require_POST
def line_remove(request: HttpRequest, application_id: int, line_no: int) -> HttpResponse:
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    lines = [ln for i, ln in enumerate(drafts.lines_data(application), 1) if i != line_no]
    services.application_update(by=who, application=application, data={"lines": lines})
    return redirect("web:draft", application.pk, "goods")


@trader
@require_POST
def party_add(request: HttpRequest, application_id: int) -> HttpResponse:
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    form = PartyForm(request.POST)
    parties = drafts.parties_data(application)

    def add(data: dict[str, Any]) -> object:
        added = [*parties, data]
        return services.application_update(by=who, application=application, data={"parties": added})

    if carried_out(form, add, {f"parties[{len(parties)}].{k}": k for k in form.fields}):
        return redirect("web:draft", application.pk, "parties")
    return _again(request, application, "parties", form=form)


@trader
@require_POST
def party_reuse(request: HttpRequest, application_id: int) -> HttpResponse:
    """Reuse a party named on an earlier application (LITE's exporters asked for it, §2.3)."""
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    known = {str(p.pk): p for p in party_history(person=who)}
    chosen = known.get(request.POST.get("party", ""))
    if chosen is not None:
        parties = drafts.parties_data(application)
        parties.append(
            {
                "role": chosen.role,
                "name": chosen.name,
                "country": chosen.country,
                "address": chosen.address,
                "type": chosen.type,
                "schema": chosen.schema,
            }
        )
        services.application_update(by=who, application=application, data={"parties": parties})
    return redirect("web:draft", application.pk, "parties")


@trader
@require_POST
def party_remove(request: HttpRequest, application_id: int, index: int) -> HttpResponse:
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    parties = [p for i, p in enumerate(drafts.parties_data(application)) if i != index]
    services.application_update(by=who, application=application, data={"parties": parties})
    return redirect("web:draft", application.pk, "parties")


@trader
@require_POST
def document_add(request: HttpRequest, application_id: int) -> HttpResponse:
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    form = DocumentForm(request.POST, request.FILES)
    refused: list[int] = []  # 413 too large, 415 a type not allowed (#19)

    def upload(data: dict[str, Any]) -> object:
        file = data["file"]
        try:
            uploads.check_size(data["kind"], file.size)  # before reading it
            return services.document_upload(
                by=who,
                application=application,
                kind=data["kind"],
                filename=file.name or "upload",
                content_type=file.content_type or "application/octet-stream",
                content=file.read(),
            )
        except (uploads.TooLarge, uploads.UnsupportedType) as error:
            refused.append(error.status)
            raise

    if carried_out(form, upload):
        return redirect("web:draft", application.pk, "documents")
    answer = _again(request, application, "documents", form=form)
    answer.status_code = refused[0] if refused else answer.status_code
    return answer


@trader
@require_POST
def submit(request: HttpRequest, application_id: int) -> HttpResponse:
    who = me(request)
    application = application_get(person=who, application_id=application_id)
    try:
        services.application_submit(by=who, application=application)
    except ServiceError as error:
        context = _draft_context(request, application, "submit") | {"problem": error}
        return render(request, "web/trader/draft.html", context, status=400)
    messages.success(request, _("Submitted. The authority has received your application."))
    return redirect("web:application", application.pk)


@trader
def application(request: HttpRequest, application_id: int) -> HttpResponse:
    who = me(request)
    found = application_get(person=who, application_id=application_id)
    if found.status == ApplicationStatus.DRAFT:
        return redirect("web:draft", found.pk, "goods")
    return render(request, "web/trader/application.html", _status_context(found))


def _status_context(found: Application, **extra: Any) -> dict[str, Any]:
    case = getattr(found, "case", None)
    return {
        "application": found,
        "case": case,
        "elapsed": elapsed_working_days(case) if case else None,
        "questions": list(case.questions.order_by("id")) if case else [],
        "notes": list(case.notes.filter(visible_to_applicant=True)) if case else [],
        "decisions": list(case.decisions.all()) if case else [],
        "licence": getattr(found, "licence", None),
        "answer_form": AnswerForm(),
        "first_use_form": FirstUseForm(),
        "manifest": TYPES[ApplicationType(found.type)],
    } | extra


@trader
@require_POST
def answer(request: HttpRequest, question_id: int) -> HttpResponse:
    who = me(request)
    question = question_get(person=who, question_id=question_id)
    form = AnswerForm(request.POST)
    if carried_out(
        form, lambda data: case_answer(by=who, question=question, answer=data["answer"])
    ):
        messages.success(request, _("Thank you: your answer was sent and the clock restarted."))
        return redirect("web:application", question.case.application_id)
    found = application_get(person=who, application_id=question.case.application_id)
    context = _status_context(found, answer_form=form, answering=question.pk)
    return render(request, "web/trader/application.html", context, status=400)


@trader
@require_POST
def withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    who = me(request)
    found = application_get(person=who, application_id=application_id)
    try:
        services.application_withdraw(by=who, application=found)
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("web:application", found.pk)


@trader
@require_POST
def first_use(request: HttpRequest, application_id: int) -> HttpResponse:
    """Annex V Part 3: notify the first export under the general authorisation."""
    who = me(request)
    found = application_get(person=who, application_id=application_id)
    form = FirstUseForm(request.POST)
    if form.is_valid():
        try:
            result = services.application_first_use(
                by=who, application=found, first_used_on=form.cleaned_data["first_used_on"]
            )
        except ServiceError as error:
            attach(form, error)
        else:
            if result["late"]:
                messages.warning(request, _("Notified, but after the deadline (%(due)s).") % result)
            else:
                messages.success(request, _("First use notified."))
            return redirect("web:application", found.pk)
    context = _status_context(found, first_use_form=form)
    return render(request, "web/trader/application.html", context, status=400)
