"""The restricted case pages (seed ¶111): each account's list of the cases its role may see,
and a case page showing what the role may read with the forms for the steps it may take. A
case outside the account's view is 404; a step outside its role 403 (hub/roles.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from torturefree_service.errors import ServiceError
from torturefree_service.hub.accountmodels import HubAccount
from torturefree_service.hub.casemodels import ReviewCase
from torturefree_service.hub.cases import PRIORITIES
from torturefree_service.hub.desk import STEP_VALUES, act, case_for
from torturefree_service.hub.deskaccess import for_accounts
from torturefree_service.hub.roles import (
    BODY,
    STEPS_BY_ROLE,
    sees_contact,
    sees_submitter,
    visible_cases,
)

STEP_FIELDS = (*{v for values in STEP_VALUES.values() for v in values}, "to", "questions")


def _account(request: HttpRequest) -> HubAccount:
    return request.hub_account  # type: ignore[attr-defined,no-any-return]


@require_GET
@for_accounts
def desk(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    context = {"account": account, "rows": visible_cases(account)[:500]}
    return render(request, "hub/desk.html", context)


def _context(account: HubAccount, case: ReviewCase, error: ServiceError | None) -> dict[str, Any]:
    steps = STEPS_BY_ROLE.get(account.role, frozenset())
    return {
        "account": account,
        "case": case,
        "steps": steps,
        "priorities": PRIORITIES,
        "contact": sees_contact(account),
        "submitter": sees_submitter(account, case),
        "findings": account.role in BODY or case.status == "published",
        "error": error,
        # A focal point reads only the questions asked of its own state.
        "questions": case.questions.filter(state=account.state)
        if account.role == "state_focal_point"
        else case.questions.all(),
    }


@require_http_methods(["GET", "POST"])
@for_accounts
def desk_case(request: HttpRequest, number: int) -> HttpResponse:
    account = _account(request)
    case = case_for(account, number)
    if request.method == "GET":
        return render(request, "hub/desk_case.html", _context(account, case, None))
    values = {f: request.POST.get(f, "") for f in STEP_FIELDS}
    files = [(f.name or "", f.read()) for f in request.FILES.getlist("file")]
    try:
        act(account, case, request.POST.get("step", ""), values, files)
    except ServiceError as error:
        case.refresh_from_db()
        context = _context(account, case, error)
        return render(request, "hub/desk_case.html", context, status=error.status)
    return redirect("hub:desk_case", number=case.pk)
