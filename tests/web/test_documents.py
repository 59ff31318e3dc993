"""Documents in the authority's language (#18, item 4): the licence PDF in Arabic and Chinese,
bilingual on request, with fonts that carry those scripts; read back with poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from torturefree_service.licences.pdf import licence_pdf
from torturefree_service.web import formats
from torturefree_service.web.issued import document_languages

from web.pagekit import REPO
from web.test_licence_rescreen import granted

ARTEFACTS = REPO / "test-artefacts" / "documents"
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm"))
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils missing (.ci/run installs it)"
)


def read_back(pdf: bytes, name: str) -> tuple[str, str]:
    """The PDF's text and fonts, and its first page kept as a PNG to look at."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(path),
                    str(ARTEFACTS / name)], check=True)  # fmt: skip
    return text, fonts.stdout


def words(language: str, *english: str) -> list[str]:
    with translation.override(language):
        return [str(translation.gettext(text)) for text in english]


def test_the_setting_is_checked_and_named() -> None:
    assert document_languages("ar, en").second == "en"
    assert document_languages("zh-hans").rtl is False and document_languages("ar").rtl is True
    for wrong in ("", "xx", "ar,en,fr"):
        with pytest.raises(ImproperlyConfigured, match="TORTUREFREE_DOCUMENT_LANGUAGES"):
            document_languages(wrong)


@needs_poppler
@pytest.mark.parametrize(
    ("language", "font"), [("ar", "NotoNaskhArabic"), ("zh-hans", "NotoSansCJK")]
)
def test_a_licence_in_arabic_and_in_chinese(
    people: dict[str, Any], language: str, font: str
) -> None:
    licence = granted(people)
    pdf = licence_pdf(licence, "http://testserver/", document_languages(language))
    text, fonts = read_back(pdf, f"licence-{language}")
    holder, valid = words(language, "Holder", "Valid until")
    with translation.override(language):
        destination = formats.country(licence.destination)
    assert holder != "Holder" and holder in text and valid in text
    assert destination in text and destination != formats.country(licence.destination)
    assert licence.number in text and licence.verification_code in text
    assert "Holder" not in text
    assert font in fonts.replace("-", "")  # the script's glyphs come from its own font, not boxes
    assert Path(ARTEFACTS / f"licence-{language}.png").stat().st_size > 10_000


@needs_poppler
def test_a_bilingual_licence_gives_each_heading_in_both(people: dict[str, Any]) -> None:
    licence = granted(people)
    text, _fonts = read_back(
        licence_pdf(licence, "http://testserver/", document_languages("fr,en")), "licence-fr-en"
    )
    for french, english in zip(
        words("fr", "Holder", "Quantity"), ("Holder", "Quantity"), strict=True
    ):
        assert french != english and french in text and english in text
