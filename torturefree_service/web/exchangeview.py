"""The exchange officer's pages: what other states sent us (pre-export notices, consultations,
information requests) with their deadlines, each answered from its page; and, from a case,
a consultation sent through the exchange and an objection's hold lifted."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from torturefree_service.cases.selectors import case_get
from torturefree_service.denials.models import DenialMatch
from torturefree_service.errors import NotFound, ServiceError
from torturefree_service.exchange import answers, worklist
from torturefree_service.exchange.casemodels import (
    ConsultationReceived,
    InformationRequest,
    PreExportNoticeReceived,
    PreExportNoticeSent,
)
from torturefree_service.exchange.casework import consultation_request
from torturefree_service.organisations.access import CASEWORK, READERS
from torturefree_service.web.access import carried_out, for_roles, me
from torturefree_service.web.labels import choices

M = TypeVar("M", bound=models.Model)
staff = for_roles(*READERS)
casework = for_roles(*CASEWORK)


class NoticeReplyForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Our answer"))
    reason = forms.CharField(
        label=gettext_lazy("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required for an objection. The other state sees this text."),
    )
    citation = forms.CharField(label=gettext_lazy("Rule relied on"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        codes = [str(d) for d in answers.DECISIONS]
        self.fields["decision"].choices = choices(codes)  # type: ignore[attr-defined]


class ConsultationReplyForm(forms.Form):
    maintains_denial = forms.TypedChoiceField(
        label=gettext_lazy("Does our denial stand for this transaction?"),
        choices=[("yes", gettext_lazy("Yes, it stands")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
    )
    comments = forms.CharField(
        label=gettext_lazy("Comments"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The consulting state sees this text."),
    )


class InformationReplyForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The state that asked sees this text."),
    )


class LiftHoldForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the shipments may go"), widget=forms.Textarea(attrs={"rows": 2})
    )


def _get(model: type[M], pk: int) -> M:
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Not found."), field="id")
    return found


@staff
def exchange_home(request: HttpRequest) -> HttpResponse:
    """Open items first (soonest deadline first), then the answered ones."""
    return render(request, "web/casework/exchange.html", _lists())


def _lists() -> dict[str, object]:
    today = dt.date.today()
    return {
        "notices": [worklist.notice_out(n, today) for n in worklist.notices()[:200]],
        "consultations": [
            worklist.consultation_out(c, today) for c in worklist.consultations()[:200]
        ],
        "information": [worklist.information_out(i) for i in worklist.information()[:200]],
        "objections": [worklist.objection_out(n, today) for n in worklist.objections()[:200]],
    }


@staff
def notice_page(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = _get(PreExportNoticeReceived, notice_id)
    form = NoticeReplyForm(request.POST or None)
    if request.method == "POST":  # the service lets only case workers answer
        who = me(request)

        def reply(data: dict[str, object]) -> object:
            reasons = (
                [{"text": data["reason"], "citation": data["citation"] or None}]
                if data["reason"]
                else []
            )
            return answers.notice_answer(
                by=who, notice=notice, decision=str(data["decision"]), reasons=reasons
            )

        if carried_out(form, reply):
            return redirect("web:exchange_notice", notice.pk)
    context = {"notice": worklist.notice_out(notice, dt.date.today()), "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "web/casework/exchange_notice.html", context, status=status)


@staff
def consultation_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    item = _get(ConsultationReceived, consultation_id)
    form = ConsultationReplyForm(request.POST or None)
    if request.method == "POST":
        who = me(request)
        if carried_out(
            form,
            lambda data: answers.consultation_answer(
                by=who,
                consultation=item,
                maintains_denial=bool(data["maintains_denial"]),
                comments=str(data["comments"]),
            ),
        ):
            return redirect("web:exchange_consultation", item.pk)
    context = {"item": worklist.consultation_out(item, dt.date.today()), "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "web/casework/exchange_consultation.html", context, status=status)


@casework
@require_POST
def information_reply(request: HttpRequest, request_id: int) -> HttpResponse:
    item = _get(InformationRequest, request_id)
    form = InformationReplyForm(request.POST)
    who = me(request)
    if carried_out(
        form,
        lambda data: answers.information_answer(by=who, request=item, answers=[data["answer"]]),
    ):
        return redirect("web:exchange")
    context = _lists() | {"answering": item.pk, "answer_form": form}
    return render(request, "web/casework/exchange.html", context, status=400)


@casework
@require_POST
def case_consult(request: HttpRequest, case_id: int, match_id: int) -> HttpResponse:
    """Send the consultation of a matched denial through the exchange (Art. 23(2))."""
    from django.contrib import messages

    who = me(request)
    case = case_get(person=who, case_id=case_id)
    match = DenialMatch.objects.filter(pk=match_id, application=case.application).first()
    if match is None:
        raise NotFound(_("No such denial match on this case."), field="match_id")
    try:
        sent = consultation_request(by=who, match=match)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Consultation sent to %(state)s; its answer is due by %(date)s.")
            % {"state": sent.to_state, "date": sent.reply_by.isoformat()},
        )
    return redirect("web:case", case.pk)


@casework
@require_POST
def lift_hold(request: HttpRequest, notice_id: int) -> HttpResponse:
    from django.contrib import messages

    notice = _get(PreExportNoticeSent, notice_id)
    form = LiftHoldForm(request.POST)
    who = me(request)
    if carried_out(
        form,
        lambda data: answers.notice_hold_lift(by=who, notice=notice, reason=str(data["reason"])),
    ):
        messages.success(request, _("The hold on the shipments is lifted."))
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.values()))
    return redirect("web:case", notice.licence.application.case.pk)
