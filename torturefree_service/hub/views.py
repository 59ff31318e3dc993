"""The hub's public pages and the signed directory at the contract's URL."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from torturefree_service.hub.models import Participant
from torturefree_service.hub.participants import latest

DIRECTORY_PATH = "exchange/v1/directory"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/home.html", {"participants": Participant.objects.count()})


@require_GET
def participants(request: HttpRequest) -> HttpResponse:
    rows = Participant.objects.prefetch_related("keys").order_by("state")
    published = latest()
    context = {"rows": rows, "version": published.version if published else None}
    return render(request, "hub/participants.html", context)


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The latest signed directory, byte for byte as signed (nodes verify it with the hub key)."""
    published = latest()
    if published is None:
        raise Http404("no directory published yet")
    answer = HttpResponse(bytes(published.signed), content_type="application/json")
    answer["ETag"] = f'"{published.sha256}"'
    answer["Cache-Control"] = "public, max-age=60"
    return answer


@require_GET
def personal_data(request: HttpRequest) -> HttpResponse:
    """What the register publishes about a trader, on what ground, and whom to ask to correct
    it (each participant's contact as the directory lists it; HUB is the secretariat)."""
    rows = Participant.objects.order_by("state")
    return render(request, "hub/personal_data.html", {"rows": rows})


OPENAPI = Path(__file__).with_name("openapi.yaml")


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    """The hub API's OpenAPI 3.1 description (openapi.yaml beside this module), as JSON."""
    document = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    document["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/")}]
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
