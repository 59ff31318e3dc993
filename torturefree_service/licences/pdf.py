"""The licence as a PDF (WeasyPrint), with its verification code and where to check it."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from torturefree_service.licences.models import Licence


def licence_pdf(licence: Licence, base_url: str) -> bytes:
    from weasyprint import HTML

    application = licence.application
    html = render_to_string(
        "licences/licence.html",
        {
            "licence": licence,
            "application": application,
            "lines": licence.lines.all(),
            "end_users": application.parties.filter(role="end_user"),
            "kind_title": licence.kind.capitalize(),
            "verify_url": f"{base_url.rstrip('/')}/verify/{licence.verification_code}",
            "state": settings.TORTUREFREE_STATE,
        },
    )
    return bytes(HTML(string=html).write_pdf())
