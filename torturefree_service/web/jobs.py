"""Long work as background jobs: asking for the annual report's files, and one status page for
every job that refreshes itself without JavaScript until the work is done or has failed."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.errors import ServiceError
from torturefree_service.jobs.kinds import REPORT_TYPES
from torturefree_service.jobs.models import Job, JobState
from torturefree_service.jobs.selectors import job_get
from torturefree_service.jobs.services import job_submit
from torturefree_service.ops import throttle
from torturefree_service.web.access import page_error, person_of
from torturefree_service.web.evidenceforms import EvidenceImportForm
from torturefree_service.web.staffforms import DenialImportForm
from torturefree_service.web.twofactor import throttled_page

REFRESH_SECONDS = 3
# Where the imported rows can be seen once a job is done.
RESULT_PAGES = {"denial_import": "web:denials", "evidence_import": "web:evidence"}


def row_error(field: str | None, message: str) -> str:
    """`rows[2].destination: …` said as a person counts: row 3 (after the header), its column."""
    found = re.fullmatch(r"rows\[(\d+)\](?:\.(\w+))?", field or "")
    if not found:
        return message
    where = _("Row %(n)s after the header") % {"n": int(found.group(1)) + 1}
    if found.group(2):
        where += f", {found.group(2)}"
    return f"{where}: {message}"


def _retry_form(job: Job) -> forms.Form | None:
    """A failed import's form again, filled with what was pasted, the error at its field."""
    if job.state != JobState.FAILED or job.kind not in RESULT_PAGES:
        return None
    form: forms.Form
    if job.kind == "denial_import":
        form = DenialImportForm(job.params)
    else:
        form = EvidenceImportForm(job.params)
    form.is_valid()
    name = job.error_field if job.error_field in ("format", "reason") else "content"
    if name in form.fields:
        form.add_error(name, row_error(job.error_field, job.error))
    return form


def job_page(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    try:
        job = job_get(person=person_of(request), job_id=job_id)
    except ServiceError as error:
        return page_error(request, error)
    # WCAG 2.2.1: a page that refreshes itself must let the reader turn that off.
    stopped = request.GET.get("refresh") == "off"
    context: dict[str, Any] = {
        "job": job,
        "refresh": REFRESH_SECONDS if not job.finished and not stopped else None,
        "stopped": stopped and not job.finished,
        "error": row_error(job.error_field, job.error) if job.error else "",
        "form": _retry_form(job),
        "result_page": RESULT_PAGES.get(job.kind),
        "retry_url": {
            "denial_import": "web:denials_import",
            "evidence_import": "web:evidence_import",
        }.get(job.kind),
    }
    return render(request, "web/jobs/status.html", context)


def job_file(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    try:
        job = job_get(person=person_of(request), job_id=job_id)
    except ServiceError as error:
        return page_error(request, error)
    if job.state != JobState.DONE or job.result is None:
        return redirect("web:job", job.pk)
    response = HttpResponse(bytes(job.result), content_type=job.result_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    return response


def submit(request: HttpRequest, kind: str, params: dict[str, Any]) -> HttpResponse:
    """Queue a job for whoever is looking (a signed-in person, or nobody) and show its page."""
    job = job_submit(by=person_of(request), kind=kind, params=params)
    return redirect("web:job", job.pk)


@require_POST
def annual_prepare(request: HttpRequest, year: int) -> HttpResponse:
    """The annual report's file as a job. The same report already being built for the same
    requester is shown instead of a new one; more than TORTUREFREE_PREPARE_LIMIT new jobs in
    TORTUREFREE_PREPARE_WINDOW seconds from one account or address answer 429 (#19)."""
    fmt = request.POST.get("format", "")
    if fmt not in REPORT_TYPES:
        fmt = "pdf"
    who = person_of(request)
    building = Job.objects.filter(
        kind="annual_report",
        requested_by=who,
        state__in=(JobState.QUEUED, JobState.RUNNING),
        params__year=year,
        params__format=fmt,
        params__language=get_language(),
    ).first()
    if building is not None:
        return redirect("web:job", building.pk)
    caller = f"person:{who.pk}" if who else f"address:{throttle.request_address(request)}"
    limit = int(getattr(settings, "TORTUREFREE_PREPARE_LIMIT", 10))
    wait = throttle.hit(
        "prepare", caller, limit, int(getattr(settings, "TORTUREFREE_PREPARE_WINDOW", 600))
    )
    if wait:
        return throttled_page(request, wait)
    try:
        # In the language the page is read in (#18): the PDF and HTML speak it.
        params = {"year": year, "format": fmt, "language": get_language()}
        return submit(request, "annual_report", params)
    except ServiceError as error:
        return page_error(request, error)
