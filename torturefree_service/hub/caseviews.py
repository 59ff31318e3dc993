"""Case review pages and API: a public form needing no account (a receipt code to follow the
case), the JSON API for mechanisms' systems, and the published outcomes. Restricted by default:
nothing of a case is public until the secretariat publishes its outcome, and the submitter's
identity never is."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from torturefree_service.errors import Invalid, ServiceError
from torturefree_service.hub.casemodels import SUBMITTER_KINDS, ReviewCase
from torturefree_service.hub.cases import submit
from torturefree_service.hub.deskaccess import account_of

FORM_FIELDS = ("title", "summary", "submitter_kind", "organisation", "contact", "countries")


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    # Signed in as an organisation, the case is the account's (followed on its desk).
    account = account_of(request)
    account = account if account is not None and account.role == "organisation" else None
    base = {"kinds": SUBMITTER_KINDS, "account": account}
    if request.method == "GET":
        return render(request, "hub/case_new.html", base | {"values": {}})
    data: dict[str, Any] = {f: request.POST.get(f, "") for f in FORM_FIELDS}
    data["identity_protected"] = request.POST.get("identity_protected") == "on"
    files = [(f.name or "", f.read()) for f in request.FILES.getlist("evidence")]
    try:
        case = submit(data, files, via="form", account=account)
    except ServiceError as error:
        context = base | {"values": data, "error": error}
        return render(request, "hub/case_new.html", context, status=error.status)
    return render(request, "hub/case_received.html", {"case": case}, status=201)


@require_GET
def follow(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("receipt", "").strip().upper()
    case = ReviewCase.objects.filter(receipt=code).first() if code else None
    if code and case is None:
        return render(request, "hub/case_follow.html", {"case": None, "unknown": code}, status=404)
    return render(request, "hub/case_follow.html", {"case": case, "unknown": ""})


@require_GET
def published(request: HttpRequest) -> HttpResponse:
    rows = ReviewCase.objects.filter(status="published").order_by("-published_at")
    return render(request, "hub/cases.html", {"rows": rows})


@require_GET
def outcome(request: HttpRequest, number: int) -> HttpResponse:
    case = ReviewCase.objects.filter(pk=number, status="published").first()
    if case is None:
        raise Http404("no published case with this number")
    return render(request, "hub/case_outcome.html", {"case": case})


def _refusal(error: ServiceError) -> JsonResponse:
    body = {"error": {"code": error.code, "message": error.message, "field": error.field}}
    return JsonResponse(body, status=error.status)


def _files(value: Any) -> list[tuple[str, bytes]]:
    if not isinstance(value, list):
        raise Invalid("must be a list of {name, content_base64}", field="evidence")
    files = []
    for i, item in enumerate(value):
        try:
            files.append(
                (str(item["name"]), base64.b64decode(item["content_base64"], validate=True))
            )
        except (KeyError, TypeError, binascii.Error) as error:
            raise Invalid("needs a name and base64 content", field=f"evidence[{i}]") from error
    return files


def status_json(case: ReviewCase) -> dict[str, Any]:
    public = case.status == "published"
    return {
        "receipt": case.receipt,
        "number": case.pk,
        "status": case.status,
        "history": [
            {"action": e.action, "status": e.to_status, "at": e.at.isoformat()}
            for e in case.events.all()
        ],
        "outcome": case.outcome if public else None,
        "findings": case.findings if public else None,
    }


@csrf_exempt  # a machine client posts JSON; nothing rides on a browser session here
@require_POST
def api_submit(request: HttpRequest) -> HttpResponse:
    try:
        data = json.loads(request.body or b"null")
        if not isinstance(data, dict):
            raise Invalid("the body is a JSON object", field="body")
        case = submit(data, _files(data.get("evidence", [])), via="api")
    except ValueError:
        return _refusal(Invalid("the body is not JSON", field="body"))
    except ServiceError as error:
        return _refusal(error)
    return JsonResponse(status_json(case), status=201)


@require_GET
def api_status(request: HttpRequest, receipt: str) -> HttpResponse:
    case = ReviewCase.objects.filter(receipt=receipt.upper()).first()
    if case is None:
        return JsonResponse(
            {"error": {"code": "not_found", "message": "no such receipt"}}, status=404
        )
    return JsonResponse(status_json(case))
