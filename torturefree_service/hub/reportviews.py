"""The public overview of the states' annual reports: who reported, who did not, and the sums by
activity, category, region and year, with charts drawn on the server (no JavaScript)."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from torturefree.records.charts import bar_chart, line_chart
from torturefree_service.hub.labels import hub_label
from torturefree_service.hub.reports import year_overview, years

SERIES = ("granted", "refused", "refused_national_ban")


def _year(request: HttpRequest) -> int:
    filed = years()
    asked = request.GET.get("year")
    if not asked:
        return filed[0] if filed else dt.date.today().year - 1
    if not asked.isdigit() or not 1900 <= int(asked) <= 9999:
        raise ValueError(asked)
    return int(asked)


def _chart(svg: str, title: str) -> str:
    # The chart's figures are also in the table beside it; the label names it for screen readers.
    return mark_safe(svg.replace('role="img"', f'role="img" aria-label="{escape(title)}"', 1))  # noqa: S308


def _groups(rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, int]]]:
    return [(hub_label(r["key"]), {s: int(r.get(s, 0)) for s in SERIES}) for r in rows]


@require_GET
def overview_page(request: HttpRequest) -> HttpResponse:
    try:
        year = _year(request)
    except ValueError:
        return HttpResponseBadRequest("year: a four-digit year")
    data = year_overview(year)
    titles = {
        "activity": _("Decisions by activity"),
        "region": _("Decisions by region of the partner country"),
        "year": _("Decisions over the years"),
    }
    charts = {
        "activity": _chart(
            bar_chart(titles["activity"], _groups(data["by_activity"]), say=_), titles["activity"]
        ),
        "region": _chart(
            bar_chart(titles["region"], _groups(data["by_region"]), say=_), titles["region"]
        ),
        "year": _chart(
            line_chart(
                titles["year"],
                [(int(r["key"]), {s: int(r.get(s, 0)) for s in SERIES}) for r in data["by_year"]],
                say=_,  # the legend's words are in the catalogue (web/report_words.py)
            ),
            titles["year"],
        ),
    }
    context = {"data": data, "year": year, "years": years(), "charts": charts, "titles": titles}
    return render(request, "hub/reports.html", context)


@require_GET
def overview_json(request: HttpRequest, year: int) -> JsonResponse:
    return JsonResponse(year_overview(year))
