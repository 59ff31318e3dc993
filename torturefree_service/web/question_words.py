"""The goods questions in the page's language (#18, item 3).

The classifier picks a question's words from the data in the language it is asked for, else
English (goods/questions.py); what the data lacks (Arabic and Chinese questions, what each
question decides) comes from data/translations/texts (lists/texts.py), keyed by the English.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from torturefree.lists.texts import translated_text
from torturefree.paths import data_dir

# The data's language keys where they differ from Django's codes (goods terms say 'zh').
DATA_LANGUAGE = {"zh-hans": "zh"}


def data_language() -> str:
    """The page's language as the goods data names it ('fr', 'ar', 'zh')."""
    language = (get_language() or "en").lower()
    return DATA_LANGUAGE.get(language, language)


def in_page_language(text: str) -> str:
    """`text` translated when it is an English sentence of the data with a translation."""
    language = (get_language() or "en").lower()
    if language == "en" or not text:
        return text
    found = translated_text(data_dir(), text, language)
    return found.text if found else text


def localised(question: dict[str, Any]) -> dict[str, Any]:
    """A classifier question (as_dict) with its text and what it decides in the page's language."""
    return {
        **question,
        "text": in_page_language(str(question["text"])),
        "decides": in_page_language(str(question.get("decides") or "")),
    }
