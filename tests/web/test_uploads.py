"""Upload limits (#19): a size per kind, 413 in JSON or on the page; the type read from the
content against an allow-list (a PDF is a PDF, whatever its name); refused files never stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from torturefree_service.applications.models import Document
from torturefree_service.applications.services import application_create
from torturefree_service.ops import uploads
from torturefree_service.organisations.services import token_issue

from web.pagekit import PASSWORD

BODY = {"destination": "BR", "end_use": "law_enforcement"}
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
SMALL = 64 * 1024


@pytest.fixture
def small_limits(settings: Any, tmp_path: Path) -> Path:
    """Documents at most 64 KiB; MEDIA_ROOT of this test's own."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.TORTUREFREE_UPLOAD_RULES = {
        kind: {**rule, "max_bytes": SMALL} if "import" not in kind else rule
        for kind, rule in settings.TORTUREFREE_UPLOAD_RULES.items()
    }
    return tmp_path


def stored(media: Path) -> list[Path]:
    return list((media / "documents").glob("*")) if (media / "documents").exists() else []


def _api(people: dict[str, Any]) -> tuple[Client, int]:
    draft = application_create(by=people["people"]["trader"], type="individual_export", data=BODY)
    token = token_issue(person=people["people"]["trader"], label="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}"), draft.pk


def _post(
    client: Client,
    draft: int,
    name: str,
    content: bytes,
    kind: str = "end_use_statement",
    claimed: str = "application/pdf",
) -> Any:
    file = SimpleUploadedFile(name, content, content_type=claimed)
    return client.post(f"/api/v1/applications/{draft}/documents", {"kind": kind, "file": file})


def test_the_api_answers_413_in_json_and_stores_nothing(
    people: dict[str, Any], small_limits: Path
) -> None:
    client, draft = _api(people)
    answer = _post(client, draft, "statement.pdf", PDF + b"0" * SMALL)
    assert answer.status_code == 413
    error = answer.json()["error"]
    assert (
        error["code"] == "too_large" and error["field"] == "file" and str(SMALL) in error["message"]
    )
    assert stored(small_limits) == [] and not Document.objects.exists()


def test_the_type_is_read_from_the_content_not_the_name_or_the_client(
    people: dict[str, Any], small_limits: Path
) -> None:
    client, draft = _api(people)
    for name, content in (
        ("statement.pdf", b"<html><script>alert(1)</script></html>"),
        ("statement.pdf", b"MZ\x90\x00\x03 a Windows program"),
        ("statement.pdf", b"PK\x03\x04 an office file"),
        ("statement.pdf", bytes(range(256))),
    ):
        answer = _post(client, draft, name, content)
        assert answer.status_code == 415, content[:10]
        assert answer.json()["error"]["code"] == "unsupported_type"
        assert answer.json()["error"]["field"] == "file"
    assert stored(small_limits) == [] and not Document.objects.exists()
    kept = _post(client, draft, "scan.txt", PDF, claimed="text/html")  # a PDF called .txt
    assert kept.status_code == 201
    assert Document.objects.get().content_type == "application/pdf"
    assert len(stored(small_limits)) == 1


def test_the_page_answers_413_and_415_with_the_reason(
    people: dict[str, Any], small_limits: Path
) -> None:
    draft = application_create(by=people["people"]["trader"], type="individual_export", data=BODY)
    client = Client()
    assert client.login(username="trader", password=PASSWORD)
    url = f"/trader/applications/{draft.pk}/documents"

    def page(name: str, content: bytes) -> Any:
        file = SimpleUploadedFile(name, content, content_type="application/pdf")
        return client.post(url, {"kind": "other", "file": file})

    big = page("big.pdf", PDF + b"0" * SMALL)
    assert big.status_code == 413 and "at most 65536 bytes" in big.content.decode()
    wrong = page("image.pdf", b"GIF89a....")
    assert wrong.status_code == 415 and "image/gif" in wrong.content.decode()
    assert stored(small_limits) == [] and not Document.objects.exists()
    assert page("good.pdf", PDF).status_code == 302
    assert Document.objects.get().content_type == "application/pdf"


def test_a_body_larger_than_any_upload_is_refused_unread(
    people: dict[str, Any], small_limits: Path
) -> None:
    client, draft = _api(people)
    oversized = str(uploads.largest() + 10 * uploads.UploadLimitMiddleware.SLACK)
    answer = client.post(
        f"/api/v1/applications/{draft}/documents",
        {"kind": "other", "file": SimpleUploadedFile("a.pdf", PDF)},
        CONTENT_LENGTH=oversized,
    )
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_large"
    assert not Document.objects.exists()


def test_an_import_file_must_be_text(people: dict[str, Any]) -> None:
    client = Client()
    assert client.login(username="caseworker", password=PASSWORD)
    file = SimpleUploadedFile("items.csv", PDF, content_type="text/csv")
    answer = client.post("/evidence/import", {"format": "csv", "reason": "test", "upload": file})
    assert answer.status_code == 400 and "The file is not UTF-8 text." in answer.content.decode()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0..JFIF", "image/jpeg"),
        ("End-use statement: für die Polícia".encode(), "text/plain"),
        (b"  <svg onload=alert(1)>", "text/html"),
        (b"\x00\x01binary", "application/octet-stream"),
        (b"\xc3\x28 not utf-8", "application/octet-stream"),
    ],
)
def test_sniff(content: bytes, kind: str) -> None:
    assert uploads.sniff(content) == kind
