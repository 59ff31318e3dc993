"""An application's uploaded documents, opened by those who may read the application (#20)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse

from torturefree_service.applications.models import Document
from torturefree_service.applications.selectors import application_get
from torturefree_service.errors import NotFound
from torturefree_service.organisations.access import READERS
from torturefree_service.organisations.models import Role
from torturefree_service.web.access import for_roles, me

# Shown in the browser; anything else (HTML, SVG, office files) is downloaded, never rendered.
INLINE = {"text/plain", "application/pdf", "image/png", "image/jpeg"}


@for_roles(Role.TRADER, *READERS)
def document_file(request: HttpRequest, document_id: int) -> HttpResponse:
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        raise NotFound("no such document", field="id")
    application_get(person=me(request), application_id=document.application_id)  # may they read
    path = Path(settings.MEDIA_ROOT) / document.path
    if not path.is_file():
        raise NotFound("the document's file is missing from storage", field="id")
    kind = document.content_type.split(";")[0].strip().lower()
    inline = kind in INLINE
    response = FileResponse(
        path.open("rb"),
        content_type=(document.content_type if inline else "application/octet-stream"),
        as_attachment=not inline,
        filename=document.filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response  # type: ignore[return-value]  # a FileResponse streams
