"""Security headers on every answer (#19): a Content-Security-Policy and a Permissions-Policy.

The pages load their script and stylesheet from the service itself and run no inline script,
so `script-src 'self'` holds; inline styles stay allowed because the charts are SVG written by
Vega (style attributes). A view that sets its own policy (an uploaded document: sandboxed)
keeps it. TORTUREFREE_CSP replaces the policy; an empty value turns the header off.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "TORTUREFREE_CSP", CSP)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", PERMISSIONS)
        return response
