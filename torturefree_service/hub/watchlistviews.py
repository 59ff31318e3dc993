"""Public watchlist pages and downloads: the listings in force, the delisted with their reasons,
every published version as the torture-csv file nodes import, and its signature."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from torturefree_service.hub.models import WatchlistListing, WatchlistRelease
from torturefree_service.hub.watchlistrelease import latest


@require_GET
def page(request: HttpRequest) -> HttpResponse:
    rows = WatchlistListing.objects.filter(status__in=("listed", "delisted"))
    context = {
        "listed": rows.filter(status="listed").prefetch_related("events").order_by("name"),
        "delisted": rows.filter(status="delisted").prefetch_related("events").order_by("name"),
        "release": latest(),
        "releases": WatchlistRelease.objects.order_by("-version")[:20],
    }
    return render(request, "hub/watchlist.html", context)


def _release(version: int | None) -> WatchlistRelease:
    row = latest() if version is None else WatchlistRelease.objects.filter(version=version).first()
    if row is None:
        raise Http404("no such watchlist version")
    return row


def _csv(row: WatchlistRelease) -> HttpResponse:
    answer = HttpResponse(row.content, content_type="text/csv; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="hub-watchlist-{row.version}.csv"'
    answer["ETag"] = f'"{row.sha256}"'
    answer["X-Watchlist-Version"] = str(row.version)
    return answer


@require_GET
def latest_csv(request: HttpRequest) -> HttpResponse:
    return _csv(_release(None))


@require_GET
def release_csv(request: HttpRequest, version: int) -> HttpResponse:
    return _csv(_release(version))


@require_GET
def release_signature(request: HttpRequest, version: int) -> HttpResponse:
    return JsonResponse(_release(version).signed)


@require_GET
def latest_signature(request: HttpRequest) -> HttpResponse:
    """The latest version's signed release: what a node's scheduled pull reads first."""
    return JsonResponse(_release(None).signed)


def _ftm(row: WatchlistRelease) -> HttpResponse:
    if not row.ftm and row.listed + row.delisted:
        raise Http404("this version was published before its FollowTheMoney file was signed")
    answer = HttpResponse(row.ftm, content_type="application/jsonl; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="hub-watchlist-{row.version}.ftm.json"'
    answer["X-Watchlist-Version"] = str(row.version)
    return answer


@require_GET
def latest_ftm(request: HttpRequest) -> HttpResponse:
    return _ftm(_release(None))


@require_GET
def release_ftm(request: HttpRequest, version: int) -> HttpResponse:
    return _ftm(_release(version))
