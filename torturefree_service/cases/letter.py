"""The formal decision on an application as a PDF: the decision letter (#18, item 4).

In the authority's chosen language, or two (TORTUREFREE_DOCUMENT_LANGUAGES, as the licence),
with what the trader's page says: the outcome, the reasons, the officer's text and, for a
refusal, how to ask for a review and the time limit the law data gives.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from torturefree_service.cases.models import Decision
from torturefree_service.web.issued import DocumentLanguages, document_languages, headings
from torturefree_service.web.templatetags.web import review_period


def decision_html(decision: Decision, languages: DocumentLanguages) -> str:
    application = decision.case.application
    with translation.override(languages.main):
        return render_to_string(
            "web/documents/decision.html",
            {
                "decision": decision,
                "application": application,
                "period": review_period(decision.decided_on)
                if decision.outcome == "refuse"
                else None,
                "contact": settings.TORTUREFREE_HELP_CONTACT,
                "state": settings.TORTUREFREE_STATE,
                "languages": languages,
                "h": headings(languages),
            },
        )


def decision_pdf(decision: Decision, languages: DocumentLanguages | None = None) -> bytes:
    from weasyprint import HTML

    chosen = languages or document_languages()
    return bytes(HTML(string=decision_html(decision, chosen)).write_pdf())
