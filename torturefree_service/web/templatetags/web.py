"""Template helpers: translated labels for codes, and a form field rendered accessibly."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField

from torturefree_service.web.explain import trace
from torturefree_service.web.labels import label as label_of

register = template.Library()


@register.filter
def label(code: object, context: str = "") -> str:
    return label_of(code, context)


@register.inclusion_tag("web/field.html")
def field(bound: BoundField, **attrs: Any) -> dict[str, Any]:
    """Label, hint and error tied to the input with aria-describedby (WCAG 3.3.1, 1.3.1)."""
    ids = []
    if bound.help_text:
        ids.append(f"{bound.auto_id}-hint")
    if bound.errors:
        ids.append(f"{bound.auto_id}-error")
    widget_attrs: dict[str, str | bool] = {"aria-describedby": " ".join(ids)} if ids else {}
    if bound.errors:
        widget_attrs["aria-invalid"] = "true"
    return {
        "f": bound,
        "widget": bound.as_widget(attrs=widget_attrs),
        # Radio and checkbox groups are a fieldset with a legend, not a label (WCAG 1.3.1).
        "group": type(bound.field.widget).__name__ in ("RadioSelect", "CheckboxSelectMultiple"),
    }


@register.filter
def case_state(case: Any) -> str:
    """A case's state as its outcome once closed (granted, refused, withdrawn), not 'Closed'."""
    if case is None:
        return ""
    if case.status == "closed" and case.application.status not in {"draft", "submitted"}:
        return label_of(case.application.status)
    return label_of(case.status)


@register.filter
def distinct(lines: Any) -> list[str]:
    """A trace's lines once each (the classifier can give a line twice)."""
    return trace(str(line) for line in lines or [])


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.simple_tag(takes_context=True)
def open_questions(context: dict[str, Any]) -> int:
    """The trader's unanswered questions: the badge stays until they are answered (§2.3)."""
    from torturefree_service.cases.selectors import questions_open
    from torturefree_service.web.access import person_of

    request = context.get("request")
    who = person_of(request) if request is not None else None
    if who is None or who.role != "trader" or who.organisation_id is None:
        return 0
    return questions_open(person=who).count()


@register.simple_tag
def help_contact() -> str:
    """The help desk's address (setting TORTUREFREE_HELP_CONTACT), shown in every page's footer."""
    from django.conf import settings

    return str(getattr(settings, "TORTUREFREE_HELP_CONTACT", "") or "")


@register.filter
def country(code: Any) -> str:
    """A country code as the country's name in the page's language (web/formats.py)."""
    from torturefree_service.web.formats import country as name_of

    return name_of(code)


@register.filter
def number(value: Any) -> str:
    """A figure in the page's language, without trailing zeros (100.000 -> 100)."""
    from torturefree_service.web.formats import number as figure

    return figure(value)


@register.filter
def money(value: Any, currency: str = "") -> str:
    from torturefree_service.web.formats import money as amount

    return amount(value, currency)


@register.filter
def day(value: Any, style: str = "long") -> str:
    """A date in the page's language ('6 December 2026', '6 décembre 2026')."""
    from torturefree_service.web.formats import day as written

    return written(value, style)


@register.simple_tag
def review_period(decided_on: Any) -> dict[str, Any] | None:
    """The profile's time limit for asking a review of a refusal, with the last day it falls on.

    None where the law data records none (EU law leaves it to national procedure).
    """
    import datetime as dt

    from django.conf import settings

    from torturefree_service.checks.engines import engine

    day = decided_on.date() if isinstance(decided_on, dt.datetime) else decided_on
    profile = engine().rulebook.profile(settings.TORTUREFREE_JURISDICTION, day)
    review = profile.review
    if review is None:
        return None
    return {"review": review, "until": day + dt.timedelta(days=review.days)}


@register.filter
def text_dir(text: Any) -> str:
    """'rtl' or 'ltr' from the first letter with a direction: for renderers without dir="auto"
    (WeasyPrint), so a Latin description in an Arabic licence keeps its punctuation in place."""
    import unicodedata

    for char in str(text or ""):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"
