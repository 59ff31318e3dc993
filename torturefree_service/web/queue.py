"""The caseworker's queue: filters, SLA, paging and saved views; the denial notifications."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from torturefree_service.cases.selectors import case_queue
from torturefree_service.denials.selectors import denial_list
from torturefree_service.errors import ServiceError
from torturefree_service.organisations.access import READERS
from torturefree_service.web.access import for_roles, me
from torturefree_service.web.forms import QueueForm, SavedViewForm
from torturefree_service.web.services import (
    clean_query,
    saved_view_delete,
    saved_view_save,
    saved_views,
)

staff = for_roles(*READERS)
PAGE_SIZE = 50


@staff
def queue(request: HttpRequest) -> HttpResponse:
    who = me(request)
    form = QueueForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = dt.date.today()
    rows = case_queue(
        person=who,
        status=filters.get("status") or None,
        assigned=filters.get("assigned") or None,
        application_type=filters.get("type") or None,
        destination=(filters.get("destination") or "").replace(",", " ").split() or None,
        flag=filters.get("flag") or None,
        exclude_flag=filters.get("exclude_flag") or None,
        overdue_on=today if filters.get("overdue") else None,
    )
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    start = (page - 1) * PAGE_SIZE
    cases = list(rows.select_related("application__organisation")[start : start + PAGE_SIZE + 1])
    query = clean_query(request.GET.urlencode())
    context = {
        "form": form,
        "cases": cases[:PAGE_SIZE],
        "today": today,
        "page": page,
        "more": len(cases) > PAGE_SIZE,
        "query": query,
        "next_query": urlencode([*_pairs(query), ("page", page + 1)]),
        "prev_query": urlencode([*_pairs(query), ("page", page - 1)]),
        "saved": list(saved_views(person=who)),
        "save_form": SavedViewForm(),
    }
    return render(request, "web/casework/queue.html", context)


def _pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query)


@staff
@require_POST
def save_view(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST)
    query = request.POST.get("query", "")
    if form.is_valid():
        try:
            saved_view_save(by=me(request), name=form.cleaned_data["name"], query=query)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("View saved."))
    else:
        messages.error(request, _("Give the view a name."))
    return redirect(f"{_queue_url()}?{clean_query(query)}")


@staff
@require_POST
def delete_view(request: HttpRequest, view_id: int) -> HttpResponse:
    saved_view_delete(by=me(request), view_id=view_id)
    messages.success(request, _("View deleted."))
    return redirect("web:queue")


def _queue_url() -> str:
    from django.urls import reverse

    return reverse("web:queue")


@staff
def denials(request: HttpRequest) -> HttpResponse:
    """Our notifications (Art. 23(1)) with their deadlines, and other states' denials."""
    today = dt.date.today()
    outgoing = list(denial_list(direction="outgoing")[:200])
    incoming = list(denial_list(direction="incoming")[:200])
    context = {"outgoing": outgoing, "incoming": incoming, "today": today}
    return render(request, "web/casework/denials.html", context)
