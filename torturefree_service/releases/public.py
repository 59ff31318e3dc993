"""The public "what changes on <date>" page and feed, for customs and traders: what the law this
node uses (its current release) changes on a day against the day before, entry by entry and
parameter by parameter (torturefree.lists.release_diff.release_changes_on), and the same as a
JSON Feed 1.1 (release_feed.changes_feed)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from torturefree.lists.release_diff import release_changes_on
from torturefree.lists.release_feed import changes_feed
from torturefree_service.checks import engines


class DayForm(forms.Form):
    on = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))


def _day(request: HttpRequest) -> tuple[DayForm, dt.date | None]:
    form = DayForm(request.GET or {"on": dt.date.today().isoformat()})
    return form, (form.cleaned_data["on"] if form.is_valid() else None)


def changes_on(request: HttpRequest) -> HttpResponse:
    form, day = _day(request)
    changes = release_changes_on(engines.catalogue(), day) if day else None
    context = {"form": form, "day": day, "changes": changes}
    return render(request, "releases/changes_on.html", context, status=200 if day else 400)


def changes_on_feed(request: HttpRequest) -> HttpResponse:
    day = _day(request)[1]
    if day is None:
        return JsonResponse({"error": "on: a date YYYY-MM-DD", "field": "on"}, status=400)
    answer = JsonResponse(changes_feed(engines.catalogue(), day))
    answer["Content-Type"] = "application/feed+json"
    return answer
