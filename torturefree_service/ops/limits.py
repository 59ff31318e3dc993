"""Request limits on the API, checked before any view parses a body.

JSON bodies to /api/ larger than MAX_JSON_BYTES are answered 413, and nested deeper than
MAX_JSON_DEPTH 400, both in the API's JSON error shape: Python's json parser recurses, so a
body nested 1,000 deep raised RecursionError (a 500) in the views before this check.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_JSON_DEPTH = 64
_OPEN, _CLOSE = frozenset(b"[{"), frozenset(b"]}")


def json_depth(body: bytes, stop_at: int) -> int:
    """The deepest nesting of arrays and objects (strings skipped), counting up to `stop_at`."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in _OPEN:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    return deepest
        elif byte in _CLOSE:
            depth -= 1
    return deepest


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message, "field": "body"}}, status=status
    )


class JsonLimitsMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = self._check(request)
        return refused if refused is not None else self.get_response(request)

    @staticmethod
    def _check(request: HttpRequest) -> JsonResponse | None:
        if not request.path.startswith("/api/") or request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if "json" not in (request.content_type or "") and request.content_type != "text/plain":
            return None
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > MAX_JSON_BYTES:
            return _error(413, "too_large", f"a JSON body is at most {MAX_JSON_BYTES} bytes")
        body = request.body
        if len(body) > MAX_JSON_BYTES:
            return _error(413, "too_large", f"a JSON body is at most {MAX_JSON_BYTES} bytes")
        if json_depth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            return _error(400, "too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        return None
