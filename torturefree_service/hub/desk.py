"""The steps the hub's pages let an account take on a case, each checked against its role
(hub/roles.py) before the case-review service runs it; the service writes the case history and
the ledger, naming the account (`role:username`). Accounts themselves are made here too, and
their making goes to the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from torturefree_service.audit.services import audit_record
from torturefree_service.errors import Conflict, Forbidden, Invalid, NotFound
from torturefree_service.hub.accountmodels import ROLES, HubAccount
from torturefree_service.hub.caseask import case_ask
from torturefree_service.hub.casemodels import SUBMITTER_KINDS, ReviewCase
from torturefree_service.hub.cases import add_evidence, deadline, step
from torturefree_service.hub.roles import may, may_see

STEP_VALUES = {
    "triage": ("priority", "deadline"),
    "assign": ("assignee",),
    "finding": ("findings",),
    "publish": ("outcome",),
    "close": ("reason",),
}


def case_for(account: HubAccount, number: int) -> ReviewCase:
    """A case this account may open; any other is 'not found' (its existence is not told)."""
    case = ReviewCase.objects.filter(pk=number).first()
    if case is None or not may_see(account, case):
        raise NotFound(f"no case {number} for this account", field="case")
    return case


def act(
    account: HubAccount,
    case: ReviewCase,
    action: str,
    values: dict[str, Any],
    files: Sequence[tuple[str, bytes]] = (),
) -> None:
    """Take one step on a case as `account`; Forbidden when its role may not."""
    if not may(account, action, case):
        raise Forbidden(f"a {account.role} account cannot {action} this case", field="step")
    if action == "evidence":
        if not files:
            raise Invalid("choose a file", field="file")
        for name, content in files:
            add_evidence(case, name, content, by=account.actor)
    elif action == "ask":
        questions = [q for q in str(values.get("questions") or "").splitlines() if q.strip()]
        case_ask(
            case, to=str(values.get("to") or "").upper(), questions=questions, by=account.actor
        )
    else:
        wanted = {k: values.get(k) or "" for k in STEP_VALUES[action]}
        if action == "triage":
            wanted["deadline"] = deadline(wanted["deadline"] or None)
        step(case, action, by=account.actor, **wanted)


def account_add(
    username: str,
    password: str,
    role: str,
    *,
    by: str,
    state: str = "",
    organisation: str = "",
    kind: str = "",
) -> HubAccount:
    """A sign-in for one of the roles; a focal point names its state, an organisation its
    name and kind."""
    if role not in ROLES:
        raise Invalid(f"must be one of {', '.join(ROLES)}", field="role")
    if role == "state_focal_point" and len(state) != 2:
        raise Invalid("a focal point names its state (ISO code)", field="state")
    if role == "organisation" and (not organisation.strip() or kind not in SUBMITTER_KINDS):
        raise Invalid(f"an organisation and a kind ({', '.join(SUBMITTER_KINDS)})", field="kind")
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise Conflict(f"the account {username} exists", field="username")
    try:
        validate_password(password)
    except ValidationError as error:
        raise Invalid(" ".join(error.messages), field="password") from error
    with transaction.atomic():
        user = users.objects.create_user(username=username, password=password)
        account = HubAccount.objects.create(
            user=user,
            role=role,
            state=state.upper() if role == "state_focal_point" else "",
            organisation=organisation.strip()[:200] if role == "organisation" else "",
            organisation_kind=kind if role == "organisation" else "",
            created_by=by,
        )
        audit_record(
            verb="review.account",
            subject=f"hub-account:{username}",
            actor=by,
            payload={"role": role, "state": account.state, "organisation": account.organisation},
            to_state="active",
        )
    return account
