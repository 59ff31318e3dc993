"""The service's errors: each maps to one HTTP status and the {"error": {...}} shape."""

from __future__ import annotations

from torturefree.errors import InputError


class ServiceError(Exception):
    """A refusal the caller can act on; `code` is stable, `message` readable, `field` optional."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class Invalid(ServiceError):
    status = 400
    code = "invalid"


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Conflict(ServiceError):
    """The request is well formed but the record's state refuses it (a workflow guard)."""

    status = 409
    code = "conflict"


class Throttled(ServiceError):
    """Too many failures or requests: answered 429 with Retry-After (pages and API, #19)."""

    status = 429
    code = "throttled"

    def __init__(self, message: str, retry_after: int, *, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = max(1, int(retry_after))


def from_input_error(error: InputError) -> Invalid:
    return Invalid(error.reason, field=error.field)
