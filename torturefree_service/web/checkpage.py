"""The goods checker's pages: public at /check, and in the trader's portal (no draft made)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from torturefree.errors import InputError
from torturefree_service.web import checker
from torturefree_service.web.access import person_of
from torturefree_service.web.forms import CountryField


class CheckForm(forms.Form):
    description = forms.CharField(
        label=_("Description of the goods"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "As on the invoice or the catalogue, e.g. 'handcuffs with chain'. Any language."
        ),
    )
    code = forms.CharField(label=_("CN or HS code"), required=False, max_length=16)
    cas = forms.CharField(label=_("CAS number (chemicals)"), required=False, max_length=16)
    destination = CountryField(label=_("Destination country"), required=False)
    date = forms.DateField(
        label=_("Date of the export"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The law in force on that day; today when left empty."),
    )
    jurisdiction = forms.ChoiceField(label=_("Whose law"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = [  # type: ignore[attr-defined]
            ("", _("— this service's —")),
            *[(j, j) for j in checker.jurisdictions()],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("description", "code", "cas")):
            self.add_error("description", _("Describe the goods, or give a code or CAS number."))
        return data


def check(request: HttpRequest) -> HttpResponse:
    """GET only: the answer is a link (with the answers to the questions in it)."""
    form = CheckForm(request.GET or None)
    answer = None
    problem = ""
    status = 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            answer = checker.check(
                description=data["description"],
                code=data["code"],
                cas=data["cas"],
                day=data["date"],
                jurisdiction=data["jurisdiction"],
                destination=data["destination"],
                answers=checker.answers_from(request.GET),
            )
        except InputError as error:
            problem, status = error.reason, 400
    elif form.is_bound:
        status = 400
    context = {
        "form": form,
        "answer": answer,
        "problem": problem,
        "trader": _is_trader(request),
        "units": checker.UNITS,
    }
    return render(request, "web/public/check.html", context, status=status)


def _is_trader(request: HttpRequest) -> bool:
    who = person_of(request)
    return who is not None and who.role == "trader"
