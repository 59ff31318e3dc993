"""The licence as a PDF (WeasyPrint), with its verification code and where to check it.

In the authority's chosen language, or two (web/documents.py: TORTUREFREE_DOCUMENT_LANGUAGES).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from torturefree_service.licences.models import Licence
from torturefree_service.web.issued import DocumentLanguages, document_languages, headings


def licence_html(licence: Licence, base_url: str, languages: DocumentLanguages) -> str:
    application = licence.application
    with translation.override(languages.main):
        return render_to_string(
            "web/documents/licence.html",
            {
                "licence": licence,
                "application": application,
                "lines": licence.lines.all(),
                "end_users": application.parties.filter(role="end_user"),
                "verify_url": f"{base_url.rstrip('/')}/verify/{licence.verification_code}",
                "state": settings.TORTUREFREE_STATE,
                "languages": languages,
                "h": headings(languages),
            },
        )


def licence_pdf(
    licence: Licence, base_url: str, languages: DocumentLanguages | None = None
) -> bytes:
    from weasyprint import HTML

    chosen = languages or document_languages()
    return bytes(HTML(string=licence_html(licence, base_url, chosen)).write_pdf())
