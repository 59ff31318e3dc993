"""Public country rules pages: one per participant state, generated from data/ (never typed).

`/countries/` lists the states; `/countries/<CC>` prints what its law controls (from its
profile, national measures and decision tables, each line with its citation), what a trader
must apply for, for which activities, and where (the authority and node the directory lists);
`/countries/compare?a=FR&b=KE` puts two side by side. Each has a JSON twin (`.json`). `?on=`
picks the date of the law (default today).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from torturefree.errors import InputError
from torturefree.rules.summary import Summary
from torturefree.vocabulary import Activity, Category
from torturefree_service.hub.countries import country_name, country_summary
from torturefree_service.hub.models import Participant


class BadQuery(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _date(request: HttpRequest) -> dt.date:
    text = request.GET.get("on", "")
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise BadQuery(
            "on", _("'%(value)s' is not a date (YYYY-MM-DD)") % {"value": text}
        ) from error


def _participant(state: str, field: str) -> Participant:
    row = Participant.objects.filter(state=state.upper()).exclude(state="HUB").first()
    if row is None:
        raise BadQuery(field, _("'%(state)s' is not a participant of the hub") % {"state": state})
    if not row.profile:
        raise BadQuery(field, _("%(state)s has recorded no profile") % {"state": row.state})
    return row


def country(row: Participant, date: dt.date) -> dict[str, Any]:
    """A participant with the summary of its law on `date`, as pages and JSON print it."""
    try:
        summary = country_summary(row.state, row.profile, date)
    except InputError as error:
        raise BadQuery("on", str(error)) from error
    return {
        "state": row.state,
        "name": country_name(row.state, get_language() or "en"),
        "authority": row.name,
        "node": row.url,
        "contact": row.contact,
        "profile_id": row.profile,
        "annexes_opted_in": list(row.annexes_opted_in),
        "summary": summary,
    }


def _json(item: dict[str, Any]) -> dict[str, Any]:
    summary: Summary = item["summary"]
    return {**{k: v for k, v in item.items() if k != "summary"}, **summary.to_json()}


def _refused(request: HttpRequest, error: BadQuery, as_json: bool) -> HttpResponse:
    if as_json:
        return JsonResponse({"error": str(error), "field": error.field}, status=400)
    context = {"error": str(error), "field": error.field}
    return render(request, "hub/country_error.html", context, status=400)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    rows = Participant.objects.exclude(state="HUB").order_by("state")
    states = [(r, country_name(r.state, language)) for r in rows]
    return render(request, "hub/countries.html", {"states": states})


def _one(request: HttpRequest, state: str, as_json: bool) -> HttpResponse:
    try:
        item = country(_participant(state, "state"), _date(request))
    except BadQuery as error:
        if error.field == "state":
            raise Http404(str(error)) from error
        return _refused(request, error, as_json)
    if as_json:
        return JsonResponse(_json(item), json_dumps_params={"ensure_ascii": False})
    context = {"c": item, "rows": _grid(item["summary"]), "on": item["summary"].date}
    return render(request, "hub/country.html", context)


@require_GET
def page(request: HttpRequest, state: str) -> HttpResponse:
    return _one(request, state, as_json=False)


@require_GET
def page_json(request: HttpRequest, state: str) -> HttpResponse:
    return _one(request, state, as_json=True)


def _grid(summary: Summary, other: Summary | None = None) -> list[dict[str, Any]]:
    """One row per category and activity: the outcomes each side's tables can reach."""
    rows = []
    for category in Category:
        for activity in Activity:
            mine = summary.category(category.value).activities.get(activity.value, [])
            theirs = (
                other.category(category.value).activities.get(activity.value, []) if other else []
            )
            rows.append(
                {
                    "category": category.value,
                    "activity": activity.value,
                    "a": mine,
                    "b": theirs,
                    "differs": other is not None and mine != theirs,
                }
            )
    return rows


def _pair(request: HttpRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    date = _date(request)
    codes = {}
    for field in ("a", "b"):
        value = request.GET.get(field, "").strip()
        if not value:
            raise BadQuery(field, _("choose a state for '%(field)s'") % {"field": field})
        codes[field] = value
    return country(_participant(codes["a"], "a"), date), country(
        _participant(codes["b"], "b"), date
    )


def _compare(request: HttpRequest, as_json: bool) -> HttpResponse:
    try:
        a, b = _pair(request)
    except BadQuery as error:
        return _refused(request, error, as_json)
    rows = _grid(a["summary"], b["summary"])
    if as_json:
        differences = [
            {k: r[k] for k in ("category", "activity", "a", "b")} for r in rows if r["differs"]
        ]
        answer = {"a": _json(a), "b": _json(b), "differences": differences}
        return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
    context = {"a": a, "b": b, "rows": rows, "on": a["summary"].date}
    return render(request, "hub/compare.html", context)


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    return _compare(request, as_json=False)


@require_GET
def compare_json(request: HttpRequest) -> HttpResponse:
    return _compare(request, as_json=True)
