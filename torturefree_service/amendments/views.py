"""The expert mechanism's public pages and JSON on the hub: every request with its status, the
expert queue with its clocks, a request's page (questions, panel, decision with the dissenting
opinions), and the list releases the hub published, for nodes to fetch and verify."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from torturefree.errors import InputError
from torturefree.lists.release_verify import SCHEMA_ID, release_schema
from torturefree_service.amendments.models import PublishedRelease
from torturefree_service.amendments.services import all_requests, procedure_of, queue
from torturefree_service.amendments.summary import summary


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _summary(request_id: str) -> dict[str, Any]:
    try:
        return summary(procedure_of(request_id), _today())
    except InputError as error:
        raise Http404(error.reason) from error


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rows = [summary(p, _today()) for p in all_requests()]
    return render(request, "amendments/index.html", {"rows": rows})


@require_GET
def index_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"requests": [summary(p, _today()) for p in all_requests()]})


@require_GET
def expert_queue(request: HttpRequest) -> HttpResponse:
    rows = [summary(p, _today()) for p in queue()]
    return render(request, "amendments/queue.html", {"rows": rows, "today": _today()})


@require_GET
def detail(request: HttpRequest, request_id: str) -> HttpResponse:
    return render(request, "amendments/request.html", {"r": _summary(request_id)})


@require_GET
def detail_json(request: HttpRequest, request_id: str) -> JsonResponse:
    return JsonResponse(_summary(request_id))


def _release_row(row: PublishedRelease) -> dict[str, Any]:
    hexa = row.release.removeprefix("sha256:")
    return {
        "release": row.release,
        "sequence": row.sequence,
        "issued_at": row.issued_at,
        "title": row.title,
        "sha256": row.sha256,
        "url": reverse("amendments:release_file", args=[hexa]),
        "changelog": row.changelog,
    }


@require_GET
def releases(request: HttpRequest) -> HttpResponse:
    rows = [_release_row(r) for r in PublishedRelease.objects.defer("archive")]
    return render(request, "amendments/releases.html", {"rows": rows})


@require_GET
def releases_json(request: HttpRequest) -> JsonResponse:
    """The releases published, the current (highest sequence) first; each file's address is
    relative to this hub."""
    rows = [_release_row(r) for r in PublishedRelease.objects.defer("archive")]
    schemas = {SCHEMA_ID: reverse("amendments:release_schema", args=[_schema_name(SCHEMA_ID)])}
    return JsonResponse(
        {"current": rows[0] if rows else None, "releases": rows, "schemas": schemas}
    )


def _schema_name(schema_id: str) -> str:
    return schema_id.replace("/", "-")  # torturefree-release/1 -> torturefree-release-1


@require_GET
def release_schema_file(request: HttpRequest, name: str) -> JsonResponse:
    """The JSON Schema of the release format, published beside the releases (one per major
    version; a new incompatible format gets a new name, the old one stays served)."""
    if name != _schema_name(SCHEMA_ID):
        raise Http404("no such schema")
    answer = JsonResponse(release_schema())
    answer["Content-Type"] = "application/schema+json"
    return answer


@require_GET
def release_file(request: HttpRequest, hexa: str) -> HttpResponse:
    row = PublishedRelease.objects.filter(release=f"sha256:{hexa}").first()
    if row is None:
        raise Http404("no such release")
    answer = HttpResponse(bytes(row.archive), content_type="application/x-tar")
    answer["Content-Disposition"] = f'attachment; filename="release-{hexa}.tar"'
    answer["ETag"] = f'"{row.sha256}"'
    return answer
