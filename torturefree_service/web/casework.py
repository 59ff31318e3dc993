"""The case page and what officers do on it: assign, ask, note, rate, consult, advise, decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.cases import decisions, services
from torturefree_service.cases.models import Case
from torturefree_service.cases.selectors import case_get
from torturefree_service.checks.dispositions import disposition_record
from torturefree_service.denials.models import DenialMatch
from torturefree_service.denials.services import consultation_record
from torturefree_service.errors import NotFound
from torturefree_service.organisations.access import CASEWORK, READERS
from torturefree_service.organisations.models import Person, Role
from torturefree_service.web.access import carried_out, for_roles, me
from torturefree_service.web.caseview import case_context
from torturefree_service.web.forms import (
    AdviceForm,
    ConsultationForm,
    DecisionForm,
    DispositionForm,
    RatingForm,
    TextForm,
)
from torturefree_service.web.reasons import WORDING, wording

staff = for_roles(*READERS)
casework = for_roles(*CASEWORK)


def _forms(case: Case) -> dict[str, Any]:
    advice = case.advice.order_by("-id").first()
    initial = (
        {
            "recommendation": advice.recommendation,
            "reasons": advice.reasons,
            "text": advice.text or wording(advice.reasons),
        }
        if advice
        else {}
    )
    return {
        "advice_form": AdviceForm(initial=initial),
        "decision_form": DecisionForm(initial=initial),
        "question_form": TextForm(),
        "note_form": TextForm(),
        "return_form": TextForm(),
        "rating_form": RatingForm(),
        "consultation_form": ConsultationForm(),
        "disposition_form": DispositionForm(),
        "wording": {k: str(v) for k, v in WORDING.items()},
    }


def _render(request: HttpRequest, case: Case, status: int = 200, **bound: Any) -> HttpResponse:
    context = case_context(me(request), case) | _forms(case) | bound
    return render(request, "web/casework/case.html", context, status=status)


@staff
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    return _render(request, case_get(person=me(request), case_id=case_id))


@staff
def case_print(request: HttpRequest, case_id: int) -> HttpResponse:
    """A case summary laid out for paper (the print stylesheet does the rest)."""
    case = case_get(person=me(request), case_id=case_id)
    context = case_context(me(request), case) | {"printing": True}
    return render(request, "web/casework/summary.html", context)


def _done(request: HttpRequest, case: Case, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("web:case", case.pk)


@casework
@require_POST
def assign_me(request: HttpRequest, case_id: int) -> HttpResponse:
    who = me(request)
    case = case_get(person=who, case_id=case_id)
    services.case_assign(by=who, case=case, assignee=who)
    return _done(request, case, _("The case is assigned to you."))


def _text_action(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    who = me(request)
    case = case_get(person=who, case_id=case_id)
    form = TextForm(request.POST)

    def record(data: dict[str, Any]) -> object:
        text = data["text"]
        if action == "ask":
            return services.case_ask(by=who, case=case, text=text)
        if action == "note":
            shown = "visible" in request.POST
            return services.case_note(by=who, case=case, text=text, visible_to_applicant=shown)
        return services.case_return(by=who, case=case, text=text)

    if carried_out(form, record):
        done = {
            "ask": _("Question sent; the clock stops until it is answered."),
            "note": _("Note added."),
            "return": _("Advice returned for more work."),
        }
        return _done(request, case, str(done[action]))
    return _render(request, case, 400, **{f"{action}_form": form, "open_form": action})


@casework
@require_POST
def ask(request: HttpRequest, case_id: int) -> HttpResponse:
    return _text_action(request, case_id, "ask")


@casework
@require_POST
def note(request: HttpRequest, case_id: int) -> HttpResponse:
    return _text_action(request, case_id, "note")


@for_roles(Role.SENIOR_OFFICER)
@require_POST
def send_back(request: HttpRequest, case_id: int) -> HttpResponse:
    return _text_action(request, case_id, "return")


@casework
@require_POST
def rate(request: HttpRequest, case_id: int, line_no: int) -> HttpResponse:
    who = me(request)
    case = case_get(person=who, case_id=case_id)
    line = case.application.lines.filter(line_no=line_no).first()
    if line is None:
        raise NotFound(_("No such line."), field="line_no")
    form = RatingForm(request.POST)

    def rate_line(data: dict[str, Any]) -> object:
        entry = data["entry_id"] or None
        return decisions.line_rate(by=who, line=line, entry_id=entry, note=data["note"])

    if carried_out(form, rate_line):
        return _done(request, case, _("Rating recorded; the determination was run again."))
    return _render(request, case, 400, rating_form=form, rating_line=line_no)


def _with_wording(form: forms.Form) -> str:
    """The officer's words, or the standard wording of the reasons picked when none were typed."""
    text: str = form.cleaned_data.get("text", "").strip()
    return text or wording(form.cleaned_data.get("reasons") or [])


@casework
@require_POST
def advise(request: HttpRequest, case_id: int) -> HttpResponse:
    who = me(request)
    case = case_get(person=who, case_id=case_id)
    form = AdviceForm(request.POST)

    def record(data: dict[str, Any]) -> object:
        return services.case_advise(
            by=who,
            case=case,
            recommendation=data["recommendation"],
            reasons=list(data["reasons"]),
            text=_with_wording(form),
        )

    if carried_out(form, record):
        return _done(request, case, _("Advice recorded; a senior officer decides next."))
    return _render(request, case, 400, advice_form=form)


@for_roles(Role.SENIOR_OFFICER)
@require_POST
def decide(request: HttpRequest, case_id: int) -> HttpResponse:
    who = me(request)
    case = case_get(person=who, case_id=case_id)
    form = DecisionForm(request.POST)

    def record(data: dict[str, Any]) -> object:
        return decisions.case_decide(
            by=who,
            case=case,
            outcome=data["recommendation"],
            reasons=list(data["reasons"]) if data["recommendation"] == "refuse" else [],
            text=_with_wording(form),
            conditions=data["conditions"],
            validity_months=data["validity_months"],
        )

    if carried_out(form, record, {"outcome": "recommendation"}):
        return _done(request, case, _("Decision recorded."))
    return _render(request, case, 400, decision_form=form)


@casework
@require_POST
def consult(request: HttpRequest, case_id: int, match_id: int) -> HttpResponse:
    who = me(request)
    case = case_get(person=who, case_id=case_id)
    match = DenialMatch.objects.filter(pk=match_id, application=case.application).first()
    if match is None:
        raise NotFound(_("No such denial match on this case."), field="match_id")
    form = ConsultationForm(request.POST)
    if carried_out(form, lambda data: consultation_record(by=who, match=match, **data)):
        return _done(request, case, _("Consultation recorded."))
    return _render(request, case, 400, consultation_form=form, consulting=match_id)


@casework
@require_POST
def dispose(request: HttpRequest, case_id: int) -> HttpResponse:
    who: Person = me(request)
    case = case_get(person=who, case_id=case_id)
    form = DispositionForm(request.POST)
    if carried_out(form, lambda data: disposition_record(by=who, case=case, **data)):
        return _done(request, case, _("Disposition recorded."))
    # The hit whose form was sent shows the errors and what was typed; the others stay empty.
    return _render(request, case, 400, disposition_form=form, disposing=request.POST.get("hit"))
