"""Applications: traders create, edit, upload, submit, withdraw, answer; staff read."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from torturefree_service.api.common import page_bounds, person
from torturefree_service.api.schemas import AnswerIn, ApplicationIn, ApplicationPatch, FirstUseIn
from torturefree_service.api.serialize import application_out, case_detail, checks_out
from torturefree_service.applications import services
from torturefree_service.applications.amendments import application_amend
from torturefree_service.applications.selectors import application_get, application_list
from torturefree_service.cases.selectors import question_get
from torturefree_service.cases.services import case_answer
from torturefree_service.errors import NotFound
from torturefree_service.ops.uploads import check_size
from torturefree_service.organisations.access import READERS, require_role
from torturefree_service.organisations.models import Role

router = Router(tags=["applications"])


def _data(body: ApplicationIn | ApplicationPatch) -> dict[str, Any]:
    return body.model_dump(exclude_unset=True, by_alias=True)


@router.get("/applications")
def list_applications(
    request: HttpRequest,
    status: str | None = None,
    type: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER, *READERS)
    rows = application_list(person=who, status=status, type=type)
    page, start, end = page_bounds(page, page_size, 200)
    items = rows[start:end]
    return {"count": rows.count(), "items": [application_out(a) for a in items]}


@router.post("/applications", response={201: dict})
def create_application(request: HttpRequest, body: ApplicationIn) -> Status[dict[str, Any]]:
    data = _data(body)
    application = services.application_create(by=person(request), type=data.pop("type"), data=data)
    return Status(201, application_out(application, full=True))


@router.get("/applications/{application_id}")
def get_application(request: HttpRequest, application_id: int) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER, *READERS)
    application = application_get(person=who, application_id=application_id)
    out = application_out(application, full=True)
    if who.role != Role.TRADER:
        out["checks"] = checks_out(application)
    if hasattr(application, "case"):
        out["case"] = case_detail(application.case, staff=who.role != Role.TRADER)
    return out


@router.patch("/applications/{application_id}")
def update_application(
    request: HttpRequest, application_id: int, body: ApplicationPatch
) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER)
    application = application_get(person=who, application_id=application_id)
    application = services.application_update(by=who, application=application, data=_data(body))
    return application_out(application, full=True)


@router.post("/applications/{application_id}/documents", response={201: dict})
def upload_document(
    request: HttpRequest, application_id: int, kind: Form[str], file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    who = person(request)
    require_role(who, Role.TRADER)
    application = application_get(person=who, application_id=application_id)
    check_size(kind, file.size)  # 413 before the file is read (#19)
    document = services.document_upload(
        by=who,
        application=application,
        kind=kind,
        filename=file.name or "upload",
        content_type=file.content_type or "application/octet-stream",
        content=file.read(),
    )
    return Status(
        201,
        {
            "id": document.pk,
            "kind": document.kind,
            "sha256": document.sha256,
            "size": document.size,
        },
    )


@router.post("/applications/{application_id}/submit")
def submit_application(request: HttpRequest, application_id: int) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER)
    application = application_get(person=who, application_id=application_id)
    application = services.application_submit(by=who, application=application)
    out = application_out(application, full=True)
    if hasattr(application, "case"):
        out["case"] = {
            "id": application.case.pk,
            "status": application.case.status,
            "sla_due": application.case.sla_due.isoformat(),
        }
    return out


@router.post("/applications/{application_id}/amend", response={201: dict})
def amend_application(request: HttpRequest, application_id: int) -> Status[dict[str, Any]]:
    """Copy a submitted application to a new draft to change it; the original is superseded."""
    who = person(request)
    require_role(who, Role.TRADER)
    application = application_get(person=who, application_id=application_id)
    return Status(
        201, application_out(application_amend(by=who, application=application), full=True)
    )


@router.post("/applications/{application_id}/withdraw")
def withdraw_application(request: HttpRequest, application_id: int) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER)
    application = application_get(person=who, application_id=application_id)
    return application_out(services.application_withdraw(by=who, application=application))


@router.post("/applications/{application_id}/first-use")
def notify_first_use(request: HttpRequest, application_id: int, body: FirstUseIn) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER)
    application = application_get(person=who, application_id=application_id)
    result = services.application_first_use(
        by=who, application=application, first_used_on=body.first_used_on
    )
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in result.items()}


@router.post("/questions/{question_id}/answer")
def answer_question(request: HttpRequest, question_id: int, body: AnswerIn) -> dict[str, Any]:
    who = person(request)
    require_role(who, Role.TRADER)
    question = question_get(person=who, question_id=question_id)
    if question is None:
        raise NotFound("no such question", field="id")
    question = case_answer(by=who, question=question, answer=body.answer)
    return {
        "id": question.pk,
        "answered_on": question.answered_on.isoformat() if question.answered_on else None,
        "case_status": question.case.status,
    }
