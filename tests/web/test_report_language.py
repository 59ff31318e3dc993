"""The annual report in the reader's language (#18, item 4): the core says English phrases, the
service translates every one of them; the PDF in Arabic and Chinese is read back and looked at."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from torturefree_service.errors import Invalid
from torturefree_service.jobs.models import Job
from torturefree_service.jobs.services import job_run, job_submit
from torturefree_service.web.report_words import PHRASES, report_wording

from records.test_render import report  # noqa: F401 (a fixture: the demo year 2024)
from torturefree.records.annual import AnnualReport
from torturefree.records.render import ReportFormat, html_document, write_report
from torturefree.records.wording import Wording
from web.test_documents import ARTEFACTS, needs_poppler, read_back
from web.test_jobs import queued_only  # noqa: F401 (a fixture)


def test_every_phrase_the_core_says_is_in_the_catalogue_list(
    report: AnnualReport,  # noqa: F811
) -> None:
    said: set[str] = set()

    def record(text: str) -> str:
        said.add(text)
        return text

    assert report.meta["withheld"]  # the demo withholds: its note is said too
    html_document(report, Wording(phrase=record))
    assert said and said <= set(PHRASES), sorted(said - set(PHRASES))


def test_the_report_speaks_french_and_keeps_english_by_default(
    report: AnnualReport,  # noqa: F811
) -> None:
    french = html_document(report, report_wording("fr"))
    assert "<html lang='fr' dir='ltr'>" in french and "Rapport annuel 2024" in french
    assert "Comment les chiffres sont comptés" in french and "Décisions par année" in french
    assert "How the figures are counted" not in french
    assert 'content: "page " counter(page) " sur " counter(pages)' in french
    english = html_document(report)
    assert "Annual report 2024: trade in goods" in english and "lang='en'" in english
    assert '@bottom-right { content: "page " counter(page) " of " counter(pages)' in english
    arabic = html_document(report, report_wording("ar"))
    assert '@bottom-left { content: "الصفحة " counter(page) " من " counter(pages)' in arabic


@needs_poppler
@pytest.mark.parametrize(
    ("language", "font", "title", "counter"),
    [
        ("ar", "NotoNaskhArabic", "التقرير السنوي", "الصفحة"),
        ("zh-hans", "NotoSansCJK", "年度报告", "页"),
    ],
)
def test_the_annual_report_pdf_in_arabic_and_chinese(
    report: AnnualReport,  # noqa: F811
    tmp_path: Path,
    language: str,
    font: str,
    title: str,
    counter: str,
) -> None:
    out = write_report(report, ReportFormat.PDF, tmp_path / "r.pdf", report_wording(language))
    text, fonts = read_back(out.read_bytes(), f"annual-{language}")
    assert title in text and "Annual report" not in text
    assert counter in text and " / " not in text  # the page counter in words, not "13 / 1"
    assert font in fonts.replace("-", "")
    assert (ARTEFACTS / f"annual-{language}.png").stat().st_size > 10_000
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Pages:" in pages.stdout


def test_the_prepared_file_is_in_the_language_the_page_was_read_in(
    db: Any,
    queued_only: list[Any],  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    visitor = Client(HTTP_ACCEPT_LANGUAGE="ru")
    visitor.get("/reports/annual/2025")
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/reports/annual/2025/prepare", {"format": "html"})
    job = Job.objects.get()
    assert job.params["language"] == "ru" and job_run(job.pk)
    page = visitor.get(f"/jobs/{job.pk}/file").content.decode()
    assert "lang='ru'" in page and "Годовой отчёт за 2025 год" in page
    with pytest.raises(Invalid) as refused:
        job_submit(by=None, kind="annual_report", params={"year": 2025, "format": "pdf",
                                                        "language": "xx"})  # fmt: skip
    assert refused.value.field == "language"
