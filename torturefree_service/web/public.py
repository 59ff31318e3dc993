"""Public pages: home, licence verification, the control lists by date and their changes, the
annual report. Nothing here needs a login, and nothing shows personal data beyond the licence."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from torturefree_service.licences.selectors import licence_by_code
from torturefree_service.ops import throttle
from torturefree_service.web import reports
from torturefree_service.web.access import home_url, person_of
from torturefree_service.web.forms import DateForm, DiffForm, VerifyForm
from torturefree_service.web.twofactor import throttled_page


def home(request: HttpRequest) -> HttpResponse:
    who = person_of(request)
    if who is not None:
        return redirect(home_url(who))
    return render(request, "web/home.html", {"verify_form": VerifyForm()})


def verify(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Anyone holding a licence can check it is genuine: by code, from the form or the link."""
    form = VerifyForm(request.GET or None, initial={"code": code or ""})
    if code is None and form.is_valid():
        code = form.cleaned_data["code"]
    address = throttle.request_address(request)
    wait = throttle.verify_wait(address) if code else 0
    if wait:  # too many unknown codes from this address (#19)
        return throttled_page(request, wait)
    licence = licence_by_code(code[:64]) if code else None
    wait = throttle.verify_wait(address, missed=True) if code and licence is None else 0
    if wait:
        return throttled_page(request, wait)
    status = 404 if code and licence is None else 200
    context = {"form": form, "code": code, "licence": licence, "today": dt.date.today()}
    return render(request, "web/public/verify.html", context, status=status)


def lists(request: HttpRequest) -> HttpResponse:
    form = DateForm(request.GET or None)
    day = dt.date.today()
    if form.is_valid() and form.cleaned_data["date"]:
        day = form.cleaned_data["date"]
    earliest = reports.list_earliest()
    entries = reports.list_entries(day) if day >= earliest else []
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    if query:
        entries = reports.search_entries(entries, query)
    context = {"form": form, "day": day, "entries": entries, "earliest": earliest, "q": query}
    return render(request, "web/public/lists.html", context)


def entry(request: HttpRequest, entry_id: str) -> HttpResponse:
    found = reports.entry_history(entry_id)
    if found is None:
        raise Http404(_("No such list entry"))
    return render(request, "web/public/entry.html", {"entry_id": entry_id, "file": found})


def changes(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    form = DiffForm(request.GET or {"before": "2019-12-31", "after": today.isoformat()})
    rows = []
    if form.is_valid():
        before, after = form.cleaned_data["before"], form.cleaned_data["after"]
        if before > after:
            form.add_error("after", _("Choose a date after the first one."))
        else:
            rows = reports.list_changes(before, after)
    return render(request, "web/public/changes.html", {"form": form, "changes": rows})


def annual(request: HttpRequest, year: int | None = None) -> HttpResponse:
    this_year = dt.date.today().year
    year = year or min(reports.latest_year(this_year - 1), this_year)
    if not reports.EARLIEST_YEAR <= year <= this_year:
        raise Http404(_("No report for that year"))
    report = reports.annual_report(year)
    context = {
        "year": year,
        "report": report,
        "tables": reports.report_rows(report),
        # the core's English note, in the catalogue (web/report_words.py)
        "withheld_note": _(report.meta["withheld_note"]) if report.meta["withheld_note"] else "",
        "years": range(this_year, reports.EARLIEST_YEAR - 1, -1),
        "formats": ["pdf", "csv", "xlsx", "json", "html"],
    }
    return render(request, "web/public/annual.html", context)


def annual_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """Files are prepared by a background job now (a POST on the report's page): an old link
    lands on that page rather than building the report in the request."""
    return redirect("web:annual_year", year)


ASSETS = {"site.css": "text/css", "enhance.js": "text/javascript"}


def asset(request: HttpRequest, name: str) -> HttpResponse:
    """The pages' stylesheet and script, served by the app itself so every deployment has them."""
    from django.conf import settings

    if name not in ASSETS:
        raise Http404(name)
    path = settings.BASE_DIR / "static" / "web" / name
    response = HttpResponse(path.read_bytes(), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=3600"
    return response
