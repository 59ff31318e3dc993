"""The evidence register (#6) as pages: the list with filters and what is due, an item with its
history, and recording a review. Entering, changing, withdrawing and CSV import are API-only yet."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from service.errors import ServiceError
from service.evidence.selectors import evidence_get, evidence_list, is_due, last_reviews
from service.evidence.services import evidence_review
from service.organisations.access import CASEWORK, READERS
from service.web.access import attach, for_roles, me
from service.web.forms import CountryField, country_choices
from torturefree.risk.model import EvidenceKind

PAGE = 200


class EvidenceFilterForm(forms.Form):
    country = CountryField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind of source"), required=False)
    due = forms.BooleanField(label=_("Due for review only"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        kinds = [("", _("any")), *((k.value, k.value.replace("_", " ")) for k in EvidenceKind)]
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
    context = {"form": form, "rows": rows, "count": len(items), "today": today}
    return render(request, "web/evidence/register.html", context)


def _item_page(
    request: HttpRequest, item_id: str, form: ReviewForm, status: int = 200
) -> HttpResponse:
    record = evidence_get(item_id)
    context = {
        "record": record,
        "versions": list(reversed(record.versions)),
        "form": form,
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
