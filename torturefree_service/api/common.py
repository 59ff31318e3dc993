"""What every API view shares: bearer tokens, the error shape, and the current person."""

from __future__ import annotations

import json
from typing import Any

from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from torturefree.errors import InputError
from torturefree_service.errors import ServiceError, Throttled
from torturefree_service.ops import throttle
from torturefree_service.organisations.models import Person
from torturefree_service.organisations.services import token_person


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Person | None:
        address = throttle.request_address(request)
        wait = throttle.retry_after("", address)
        if wait:  # too many unknown tokens from there (#19): 429, Retry-After
            raise Throttled("too many failed sign-ins from this address", wait)
        person = token_person(token)
        if person is None:
            throttle.failed("", address, "token")
        if person is not None:
            request.person = person  # type: ignore[attr-defined]
        return person


def person(request: HttpRequest) -> Person:
    return request.person  # type: ignore[attr-defined,no-any-return]


def error(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message, "field": field}}, status=status
    )


def _field(loc: list[Any]) -> str | None:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path", "data")]
    text = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in parts).lstrip(".")
    return text or None


def install_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ServiceError)
    def _service(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        answer = error(exc.status, exc.code, exc.message, exc.field)
        if isinstance(exc, Throttled):
            answer["Retry-After"] = str(exc.retry_after)
        return answer

    @api.exception_handler(InputError)
    def _input(request: HttpRequest, exc: InputError) -> HttpResponse:
        return error(400, "invalid", exc.reason, exc.field)

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        message = str(first.get("msg", "invalid input"))
        return error(400, "invalid", message, _field(list(first.get("loc", []))))

    @api.exception_handler(AuthenticationError)
    def _auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error(401, "unauthenticated", "give a valid token: Authorization: Bearer <token>")

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error(exc.status_code, "http_error", str(exc))

    @api.exception_handler(OverflowError)
    def _overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        return error(400, "invalid", "a number is out of range")

    @api.exception_handler(DataError)
    def _data(request: HttpRequest, exc: DataError) -> HttpResponse:
        # The database refused a value the schema let through (an id beyond 64 bits, say).
        return error(400, "invalid", "a value is out of range for the database")

    @api.exception_handler(Http404)
    def _404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error(404, "not_found", "no such record")


def json_body(request: HttpRequest) -> Any:
    """The raw JSON body (for the CLI-compatible endpoints that take an object or a list)."""
    try:
        return json.loads(request.body or b"")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError("the body is not JSON", field="body") from exc


OBJECT_OR_LIST = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"type": "object"},
                        {"type": "array", "items": {"type": "object"}},
                    ]
                }
            }
        },
    }
}


MAX_PAGE = 100_000


def page_bounds(page: int, page_size: int, most: int = 200) -> tuple[int, int, int]:
    """(page, start, end) with page in 1..MAX_PAGE and size in 1..most: no offset overflows."""
    page = max(1, min(page, MAX_PAGE))
    size = max(1, min(page_size, most))
    return page, (page - 1) * size, page * size
