"""Localised labels on request (#18, item 5): the API's fields keep their stable codes; a
request that sends Accept-Language gets, beside them, a `labels` object naming each code in
that language. Machine fields never change with the language; a client that sends no
Accept-Language (most HTTP libraries) gets the body as it was.

    "labels": {"status": {"submitted": "Soumise"}, "country": {"KE": "Kenya"}, ...}

Codes are grouped by the field they stand in (a status and a type may share a code with
another meaning), countries in one group whatever field holds them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from torturefree_service.web.formats import country
from torturefree_service.web.labels import label

API_PREFIX = "/api/v1/"
# Fields holding a code of a closed vocabulary, with the label context that picks its meaning.
CODE_FIELDS = {
    "type": "",
    "application_type": "",
    "status": "",
    "end_use": "",
    "role": "",
    "kind": "",
    "outcome": "",
    "recommendation": "",
    "reason_codes": "",
    "unit": "unit",
}
COUNTRY_FIELDS = {
    "destination", "origin", "country", "transit_countries", "issuing_state", "state",
    "from_state", "to_state", "sender", "recipient",
}  # fmt: skip
# Parts of a body that are the engines' own records (traces, stored determinations): their
# codes are explained in their own words, not relabelled.
SKIPPED = {"determination", "identification", "screening", "risk", "explanation", "envelope"}


def collect(body: Any, labels: dict[str, dict[str, str]]) -> None:
    """Every code of a known field, anywhere in the body, with its label."""
    if isinstance(body, list):
        for item in body:
            collect(item, labels)
        return
    if not isinstance(body, dict):
        return
    for key, value in body.items():
        if key in SKIPPED:
            continue
        codes = value if isinstance(value, list) else [value]
        if key in CODE_FIELDS and all(isinstance(c, str) for c in codes):
            group = labels.setdefault(key, {})
            group.update({c: label(c, CODE_FIELDS[key]) for c in codes if c})
        elif key in COUNTRY_FIELDS and all(isinstance(c, str) and len(c) == 2 for c in codes):
            labels.setdefault("country", {}).update({c: country(c) for c in codes})
        else:
            collect(value, labels)


class ApiLabelsMiddleware:
    """After LocaleMiddleware: the negotiated language is active when the response passes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _wanted(request, response):
            return response
        body = json.loads(response.content)
        if not isinstance(body, dict) or "labels" in body:
            return response
        labels: dict[str, dict[str, str]] = {}
        collect(body, labels)
        body["labels"] = labels
        response.content = json.dumps(body, ensure_ascii=False).encode()
        response["Content-Language"] = get_language() or "en"
        return response


def _wanted(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.path.startswith(API_PREFIX)
        and not request.path.endswith(("openapi.json", "/docs"))  # JSON Schema's own "type"
        and "HTTP_ACCEPT_LANGUAGE" in request.META
        and response.get("Content-Type", "").startswith("application/json")
        and not getattr(response, "streaming", False)
        and 200 <= response.status_code < 300
    )
