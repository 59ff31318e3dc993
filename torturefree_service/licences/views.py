"""The public verification page: anyone holding a licence's code can check it is genuine."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from torturefree_service.licences.selectors import licence_by_code


def verify_page(request: HttpRequest, code: str) -> HttpResponse:
    licence = licence_by_code(code)
    html = render_to_string("licences/verify.html", {"licence": licence, "code": code})
    return HttpResponse(html, status=200 if licence else 404)
