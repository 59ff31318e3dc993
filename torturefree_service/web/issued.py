"""The words of the documents the authority issues (the licence PDF), in its chosen language.

A document is in one language, or in two where a state asks (setting
TORTUREFREE_DOCUMENT_LANGUAGES, e.g. "ar,en"): then each heading also stands in the second
language under the first. The strings live here, under web/, so the catalogue check covers them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

HEADINGS = {
    "holder": _("Holder"),
    "application": _("Application"),
    "destination": _("Destination"),
    "end_user": _("End user"),
    "end_use": _("End use"),
    "issued": _("Issued on"),
    "valid_until": _("Valid until"),
    "status": _("Status"),
    "conditions": _("Conditions"),
    "goods": _("Goods"),
    "entry": _("List entry"),
    "cn_code": _("CN code"),
    "quantity": _("Quantity"),
    "value": _("Value"),
    "verification": _("Verification code"),
    # the decision letter (cases/letter.py)
    "decision": _("Decision"),
    "applicant": _("Applicant"),
    "date": _("Date"),
    "outcome": _("Outcome"),
    "reasons": _("Reasons"),
    "next": _("What you can do"),
}


@dataclass(frozen=True)
class DocumentLanguages:
    main: str
    second: str | None

    @property
    def rtl(self) -> bool:
        return bool(translation.get_language_info(self.main)["bidi"])


def document_languages(setting: str | None = None) -> DocumentLanguages:
    """The setting read and checked: one or two of the service's languages, comma-separated."""
    raw = settings.TORTUREFREE_DOCUMENT_LANGUAGES if setting is None else setting
    codes = [c.strip().lower() for c in str(raw).split(",") if c.strip()]
    known = [code for code, _name in settings.LANGUAGES]
    wrong = [c for c in codes if c not in known]
    if not codes or len(codes) > 2 or wrong:
        raise ImproperlyConfigured(
            f"TORTUREFREE_DOCUMENT_LANGUAGES: one or two of {', '.join(known)}, comma-separated "
            f"(got '{raw}')"
        )
    return DocumentLanguages(codes[0], codes[1] if len(codes) == 2 else None)


def headings(languages: DocumentLanguages) -> dict[str, SafeString]:
    """Each heading in the document's language, with the second language's under it."""
    with translation.override(languages.main):
        main = {key: str(text) for key, text in HEADINGS.items()}
    if languages.second is None:
        return {key: format_html("{}", text) for key, text in main.items()}
    with translation.override(languages.second):
        other = {key: str(text) for key, text in HEADINGS.items()}
    return {
        key: format_html(
            '{}<span class="second" lang="{}" dir="auto">{}</span>',
            main[key],
            languages.second,
            other[key],
        )
        for key in HEADINGS
    }
