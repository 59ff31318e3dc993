"""Upload limits (#19): a size per document kind and an allow-list of content types, the type
read from the file's first bytes (its magic number), never from its name or the client's word.

`check_upload` runs before anything is written: a refused file is never stored. The limits
come from settings (TORTUREFREE_UPLOAD_MAX_BYTES, TORTUREFREE_UPLOAD_RULES); a refusal is a
413 (too large) or 415 (a type not allowed) with the field named, in JSON from the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from torturefree_service.errors import ServiceError

MIB = 1024 * 1024
DOCUMENT_TYPES = ("application/pdf", "image/png", "image/jpeg", "text/plain")
# Magic numbers (file signatures) of the types a document may have.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-msdownload"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f")


class TooLarge(ServiceError):
    status = 413
    code = "too_large"


class UnsupportedType(ServiceError):
    status = 415
    code = "unsupported_type"


def sniff(content: bytes) -> str:
    """The content type the bytes say they are: a known signature, markup, UTF-8 text, or
    application/octet-stream."""
    for magic, kind in _SIGNATURES:
        if content.startswith(magic):
            return kind
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "application/octet-stream"
    if any(ord(c) < 32 and ord(c) not in _TEXT_CONTROLS for c in text):
        return "application/octet-stream"
    if text.lstrip().startswith("<"):  # HTML, SVG, XML: never accepted as a document
        return "text/html"
    return "text/plain"


def rule(kind: str) -> tuple[int, tuple[str, ...]]:
    """(largest size in bytes, content types allowed) for a kind of document or import."""
    default = int(getattr(settings, "TORTUREFREE_UPLOAD_MAX_BYTES", 10 * MIB))
    rules: Mapping[str, Mapping[str, Any]] = getattr(settings, "TORTUREFREE_UPLOAD_RULES", {})
    given = rules.get(kind, {})
    return int(given.get("max_bytes", default)), tuple(given.get("types", DOCUMENT_TYPES))


def check_size(kind: str, size: int | None, field: str = "file") -> None:
    most, _types = rule(kind)
    if size is not None and size > most:
        raise TooLarge(
            f"the file is {size} bytes; a {kind.replace('_', ' ')} is at most {most} bytes "
            f"({most / MIB:.1f} MiB)",
            field=field,
        )


def check_upload(kind: str, content: bytes, field: str = "file") -> str:
    """The sniffed content type of an upload the rules allow, else TooLarge/UnsupportedType."""
    check_size(kind, len(content), field)
    _most, types = rule(kind)
    found = sniff(content)
    if found not in types:
        raise UnsupportedType(
            f"the file's content is {found}; a {kind.replace('_', ' ')} may be "
            f"{', '.join(types)} (the type is read from the content, not the name)",
            field=field,
        )
    return found


def largest() -> int:
    """The largest upload any kind allows (a request body beyond it is refused unread)."""
    rules: Mapping[str, Mapping[str, Any]] = getattr(settings, "TORTUREFREE_UPLOAD_RULES", {})
    return max([rule(k)[0] for k in rules] + [rule("")[0]])


class UploadLimitMiddleware:
    """A multipart body larger than any upload may be is answered 413 before it is read."""

    SLACK = 256 * 1024  # the form's other fields and the multipart framing

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = str(request.META.get("CONTENT_LENGTH") or "0")
        multipart = (request.content_type or "").startswith("multipart/")
        if multipart and length.isdigit() and int(length) > largest() + self.SLACK:
            return too_large_answer(request, int(length))
        return self.get_response(request)  # type: ignore[no-any-return]


def too_large_answer(request: HttpRequest, size: int) -> HttpResponse:
    most = largest()
    if request.path.startswith("/api/"):
        message = f"the upload is {size} bytes; at most {most} bytes are accepted"
        body = {"error": {"code": "too_large", "message": message, "field": "file"}}
        return JsonResponse(body, status=413)
    message = _("The file is too large: at most %(size)s MiB.") % {"size": f"{most / MIB:.0f}"}
    context = {"title": _("File too large"), "message": message}
    return render(request, "web/error.html", context, status=413)
