"""The evidence register (#6) as pages: the list with filters and what is due, an item with its
history; caseworkers and senior officers review, enter, change (with a reason), withdraw and
import (a background job). Auditors read only: the write views are for CASEWORK roles."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from torturefree.risk.model import EvidenceKind
from torturefree_service.errors import ServiceError
from torturefree_service.evidence.selectors import evidence_get, evidence_list, is_due, last_reviews
from torturefree_service.evidence.services import (
    evidence_create,
    evidence_review,
    evidence_update,
    evidence_withdraw,
)
from torturefree_service.organisations.access import CASEWORK, READERS
from torturefree_service.web.access import attach, for_roles, me
from torturefree_service.web.evidenceforms import EvidenceForm, EvidenceImportForm, WithdrawForm
from torturefree_service.web.forms import CountryField, country_choices
from torturefree_service.web.jobs import submit
from torturefree_service.web.labels import label

PAGE = 200


class EvidenceFilterForm(forms.Form):
    country = CountryField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind of source"), required=False)
    due = forms.BooleanField(label=_("Due for review only"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        kinds = [("", _("any")), *((k.value, label(k.value, "evidence")) for k in EvidenceKind)]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        # A filter, not a question: blank means every country.
        countries = [("", _("any")), *country_choices(blank=False)]
        self.fields["country"].choices = countries  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    next_review = forms.DateField(
        label=_("Next review"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


@for_roles(*READERS)
def register(request: HttpRequest) -> HttpResponse:
    form = EvidenceFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = dt.date.today()
    items = evidence_list(
        country=data.get("country") or None,
        kind=EvidenceKind(data["kind"]) if data.get("kind") else None,
        due_on=today if data.get("due") else None,
    )
    shown = items[:PAGE]
    reviews = last_reviews([i.id for i in shown])
    rows = [(i, reviews.get(i.id), is_due(i, today)) for i in shown]
    context = {
        "form": form,
        "rows": rows,
        "count": len(items),
        "today": today,
        "can_write": me(request).role in CASEWORK,
    }
    return render(request, "web/evidence/register.html", context)


def _item_page(
    request: HttpRequest,
    item_id: str,
    form: ReviewForm | None = None,
    status: int = 200,
    withdraw_form: WithdrawForm | None = None,
) -> HttpResponse:
    record = evidence_get(item_id)
    context = {
        "record": record,
        "versions": list(reversed(record.versions)),
        "form": form or ReviewForm(),
        "withdraw_form": withdraw_form or WithdrawForm(prefix="wd"),
        "withdraw_open": withdraw_form is not None,
        "can_review": me(request).role in CASEWORK and record.item is not None,
        "due": record.item is not None and is_due(record.item, dt.date.today()),
    }
    return render(request, "web/evidence/item.html", context, status=status)


@for_roles(*READERS)
def item(request: HttpRequest, item_id: str) -> HttpResponse:
    return _item_page(request, item_id, ReviewForm())


@for_roles(*CASEWORK)
@require_POST
def review(request: HttpRequest, item_id: str) -> HttpResponse:
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            evidence_review(by=me(request), item_id=item_id, **form.cleaned_data)
        except ServiceError as error:
            attach(form, error)
        else:
            messages.success(request, _("Review recorded."))
            return redirect("web:evidence_item", item_id)
    return _item_page(request, item_id, form, status=400)


def _form_page(
    request: HttpRequest, form: EvidenceForm, item_id: str | None, status: int = 200
) -> HttpResponse:
    context = {"form": form, "item_id": item_id}
    return render(request, "web/evidence/form.html", context, status=status)


def _refused(form: EvidenceForm, error: ServiceError) -> None:
    """The service's refusal at the field it names (`citation.title` is this form's `title`)."""
    name = form.field_of(error.field)
    form.add_error(name, error.message)


@for_roles(*CASEWORK)
def create(request: HttpRequest) -> HttpResponse:
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = evidence_create(
                by=me(request), data=form.data_for_service(), reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Evidence item entered."))
            return redirect("web:evidence_item", item.id)
    return _form_page(request, form, None, status=400 if form.is_bound else 200)


@for_roles(*CASEWORK)
def edit(request: HttpRequest, item_id: str) -> HttpResponse:
    current = evidence_get(item_id).item
    if current is None:
        messages.error(request, _("The item is withdrawn; it can no longer be changed."))
        return redirect("web:evidence_item", item_id)
    form = EvidenceForm(request.POST or None, initial=EvidenceForm.initial_from(current))
    if request.method == "POST" and form.is_valid():
        try:
            changed = evidence_update(
                by=me(request),
                item_id=item_id,
                changes=form.data_for_service(),
                reason=form.cleaned_data["reason"],
            )[1]
        except ServiceError as error:
            _refused(form, error)
        else:
            if changed:
                messages.success(request, _("Changes saved; the earlier version is kept."))
                return redirect("web:evidence_item", item_id)
            form.add_error(None, _("Nothing was changed."))
    return _form_page(request, form, item_id, status=400 if form.is_bound else 200)


@for_roles(*CASEWORK)
@require_POST
def withdraw(request: HttpRequest, item_id: str) -> HttpResponse:
    form = WithdrawForm(request.POST, prefix="wd")
    if form.is_valid():
        try:
            evidence_withdraw(by=me(request), item_id=item_id, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            attach(form, error)
        else:
            messages.success(request, _("Evidence item withdrawn."))
            return redirect("web:evidence_item", item_id)
    return _item_page(request, item_id, status=400, withdraw_form=form)


@for_roles(*CASEWORK)
def import_items(request: HttpRequest) -> HttpResponse:
    """CSV, JSON or JSON Lines in the core's format, imported by a background job (all or none)."""
    form = EvidenceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return submit(request, "evidence_import", form.params())
    status = 400 if form.is_bound else 200
    return render(request, "web/evidence/import.html", {"form": form}, status=status)
