"""Security headers (#19): a Content-Security-Policy without inline script on every page, and
templates that need none; sessions that end."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

TEMPLATES = Path(__file__).resolve().parents[2] / "torturefree_service"


def _policy(answer: Any) -> dict[str, str]:
    parts = (p.strip().split(" ", 1) for p in answer["Content-Security-Policy"].split(";"))
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


def test_pages_forbid_inline_and_foreign_script(people: dict[str, Any]) -> None:
    for path in ("/", "/login", "/lists/", "/check"):
        answer = Client().get(path)
        policy = _policy(answer)
        assert policy["script-src"] == "'self'", path
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
        assert "camera=()" in answer["Permissions-Policy"]


def test_no_template_runs_inline_script() -> None:
    # script-src 'self' blocks inline <script> bodies and on* handlers: none may be written.
    found = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                found.append(f"{template.name}: {tag}")
        found += [f"{template.name}: {m}" for m in re.findall(r"<[^>]+\son[a-z]+=", text)]
    assert found == []


def test_a_view_with_its_own_policy_keeps_it(
    people: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    from torturefree_service.applications.services import application_create, document_upload

    settings.MEDIA_ROOT = str(tmp_path)
    trader = people["people"]["trader"]
    draft = application_create(by=trader, type="individual_export", data={"destination": "BR"})
    document = document_upload(
        by=trader,
        application=draft,
        kind="other",
        filename="note.txt",
        content_type="text/plain",
        content=b"a note",
    )
    client = Client()
    assert client.login(username="trader", password="demo-password")
    answer = client.get(f"/documents/{document.pk}")
    assert answer["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_sessions_end_after_eight_hours() -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_production_cookies_are_host_only_and_officers_need_a_second_factor() -> None:
    from torturefree_service.ops.profile import production

    env = {
        "DJANGO_SECRET_KEY": "k" * 30 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "DJANGO_ALLOWED_HOSTS": "x.gov",
    }
    chosen = production(env)
    assert chosen["SESSION_COOKIE_NAME"].startswith("__Host-") and chosen["SESSION_COOKIE_SECURE"]
    assert chosen["CSRF_COOKIE_NAME"].startswith("__Host-") and chosen["CSRF_COOKIE_SECURE"]
    assert chosen["TORTUREFREE_OTP_REQUIRED"] is True
    assert production({**env, "TORTUREFREE_OTP_REQUIRED": "0"})["TORTUREFREE_OTP_REQUIRED"] is False
