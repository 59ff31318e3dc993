"""Entry titles in the page's language (#18, item 3): data/translations, else the English."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from torturefree.lists.texts import translated_text
from torturefree.lists.titles import translated_title
from torturefree.paths import data_dir

register = template.Library()


@register.filter
def entry_title(english: object, entry_id: object) -> str:
    """`{{ v.title|entry_title:entry_id }}`: the translation of that English title, if any."""
    found = translated_title(data_dir(), str(entry_id), str(english), get_language() or "en")
    return found.text if found else str(english)


@register.filter
def title_source(english: object, entry_id: object) -> str:
    """Where the shown translation comes from ('' for the English, the data's own text)."""
    found = translated_title(data_dir(), str(entry_id), str(english), get_language() or "en")
    return found.source.title if found and not found.source.verified else ""


@register.filter
def data_text(english: object) -> str:
    """A sentence of the data (an entry's note, an exclusion) in the page's language, or ''."""
    found = translated_text(data_dir(), str(english), get_language() or "en")
    return found.text if found else ""
