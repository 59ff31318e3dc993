"""The register's search form (GET): every field optional, bad values named."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

KINDS = [
    ("", _("Any kind")),
    ("general_authorisation_registration", _("Registration for a general authorisation")),
    ("global_licence", _("Global licence")),
    ("individual_licence", _("Individual licence")),
    ("museum_derogation", _("Museum derogation")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Trader's name"), required=False, max_length=200)
    country = forms.RegexField(
        label=_("Country (ISO code)"), required=False, regex=r"^[A-Za-z]{2}$", max_length=2
    )
    kind = forms.ChoiceField(label=_("Kind of authorisation"), required=False, choices=KINDS)
    valid_on = forms.DateField(
        label=_("Valid on (YYYY-MM-DD)"), required=False, input_formats=["%Y-%m-%d"]
    )


API_PAGE = 100
API_PAGE_MAX = 1000


class ResultsPageForm(forms.Form):
    """Paging of the JSON results: `limit` of them, the ones logged before entry `before`
    (results come newest first, so the next page starts before the last one's index)."""

    limit = forms.IntegerField(required=False, min_value=1, max_value=API_PAGE_MAX)
    before = forms.IntegerField(required=False, min_value=0)
