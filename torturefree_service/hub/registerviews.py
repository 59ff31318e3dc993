"""Public register pages and downloads: search, an entry with its proof, tree heads, copies.

Nothing here needs an account: the register is public (seed ¶107). Every entry comes with its
inclusion proof to the latest signed tree head, which `torturefree register verify` checks
offline; the whole register downloads as a copy that verifies against its tree head.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.views.decorators.http import require_GET

from torturefree_service.hub.forms import API_PAGE, ResultsPageForm, SearchForm
from torturefree_service.hub.models import RegisterEntry
from torturefree_service.hub.register import (
    consistency,
    copy_stream,
    entry_proof,
    entry_proofs,
    row_entry,
    tree_head,
)
from torturefree_service.hub.registerpage import page_bytes, page_documents
from torturefree_service.hub.search import PAGE, Query, page_rows, register_search, status_on

DOWNLOAD_LIMIT = 10_000


def _query(request: HttpRequest) -> tuple[SearchForm, Query | None]:
    form = SearchForm(request.GET or None)
    if not request.GET:
        return form, Query()
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, Query(data["q"] or "", data["country"] or "", data["kind"] or "", data["valid_on"])


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form, query = _query(request)
    rows = list(register_search(query)[:PAGE]) if query is not None else []
    today = dt.date.today()
    context = {
        "form": form,
        "rows": [(r, status_on(r, query.valid_on or today)) for r in rows] if query else [],
        "head": tree_head()["tree_head"],
        "params": request.GET.urlencode(),
    }
    return render(request, "hub/register.html", context, status=200 if query else 400)


def _row(index: int) -> RegisterEntry:
    row = RegisterEntry.objects.filter(index=index).first()
    if row is None:
        raise Http404("no such entry")
    return row


@require_GET
def entry(request: HttpRequest, index: int) -> HttpResponse:
    row = _row(index)
    context = {
        "row": row,
        "status": status_on(row, dt.date.today()),
        "entry": json.dumps(row_entry(row), indent=2, ensure_ascii=False),
        "proof": entry_proof(index),
    }
    return render(request, "hub/entry.html", context)


@require_GET
def proof(request: HttpRequest, index: int) -> JsonResponse:
    _row(index)
    answer = JsonResponse(entry_proof(index), json_dumps_params={"indent": 2})
    answer["Content-Disposition"] = f'attachment; filename="register-entry-{index}-proof.json"'
    return answer


@require_GET
def head(request: HttpRequest) -> JsonResponse:
    return JsonResponse(tree_head())


@require_GET
def consistency_view(request: HttpRequest) -> HttpResponse:
    try:
        old, new = int(request.GET["from"]), int(request.GET["to"])
        path = consistency(old, new)
    except (KeyError, ValueError) as error:
        return HttpResponseBadRequest(f"from and to: two tree sizes, from <= to ({error})")
    return JsonResponse({"from": old, "to": new, "proof": path})


@require_GET
def copy(request: HttpRequest) -> StreamingHttpResponse:
    answer = StreamingHttpResponse(copy_stream(), content_type="application/jsonl")
    answer["Content-Disposition"] = 'attachment; filename="register.jsonl"'
    return answer


def _rows(request: HttpRequest, limit: int, before: int | None = None) -> list[tuple[int, str]]:
    """(index, leaf text) of the search's results: tuples, not model rows (a thousand model
    instances cost a page more than their proofs)."""
    form, query = _query(request)
    if query is None:
        raise ValueError(json.dumps(form.errors.get_json_data()))
    return page_rows(query, limit, before)


def _page(request: HttpRequest) -> tuple[int, int | None]:
    form = ResultsPageForm(request.GET)
    if not form.is_valid():
        raise ValueError(json.dumps(form.errors.get_json_data()))
    return form.cleaned_data["limit"] or API_PAGE, form.cleaned_data["before"]


def _next(request: HttpRequest, found: list[dict[str, Any]], limit: int) -> str | None:
    """The next page's address, when this one is full (keyset paging on the entry's index)."""
    if len(found) < limit:
        return None
    params = request.GET.copy()
    params["before"] = str(found[-1]["index"])
    return f"{request.path}?{params.urlencode()}"


@require_GET
def results_json(request: HttpRequest) -> HttpResponse:
    """The search's entries, newest first, a page at a time (`limit`, default 100, at most
    1000; `next` names the following page), each as a proof document verifiable offline."""
    try:
        limit, before = _page(request)
        rows = _rows(request, limit, before)
    except ValueError as error:
        return JsonResponse({"errors": json.loads(str(error))}, status=400)
    head = tree_head()
    found = page_documents(rows, head)
    # orjson (installed with followthemoney, which requires it): a page of 1,000 proof
    # documents is 1.3 MB of JSON; registerpage writes the entries and head once each.
    body = page_bytes(head, found, _next(request, found, limit))
    return HttpResponse(body, content_type="application/json")


CSV_COLUMNS = ["index", "state", "name", "country", "kind", "reference", "valid_from"]
CSV_COLUMNS += ["valid_until", "withdrawn_on", "leaf_hash", "tree_size", "audit_path"]


@require_GET
def results_csv(request: HttpRequest) -> HttpResponse:
    """The search's entries as CSV with each one's leaf hash and audit path (hex, space-separated)."""
    try:
        found = entry_proofs(_rows(request, DOWNLOAD_LIMIT))
    except ValueError as error:
        return JsonResponse({"errors": json.loads(str(error))}, status=400)
    withdrawn = dict(
        RegisterEntry.objects.filter(index__in=[p["index"] for p in found]).values_list(
            "index", "withdrawn_on"
        )
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for p in found:
        writer.writerow(_csv_row(p, withdrawn.get(p["index"])))
    answer = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    answer["Content-Disposition"] = 'attachment; filename="register.csv"'
    return answer


def _csv_row(proof: dict[str, Any], withdrawn_on: dt.date | None) -> list[Any]:
    e, a = proof["entry"], proof["entry"]["authorisation"]
    return [
        proof["index"],
        e["state"],
        e["trader"]["name"],
        e["trader"]["country"],
        a["kind"],
        a["reference"],
        a["valid_from"],
        a.get("valid_until") or "",
        withdrawn_on or "",
        proof["leaf_hash"],
        proof["tree_size"],
        " ".join(proof["audit_path"]),
    ]
