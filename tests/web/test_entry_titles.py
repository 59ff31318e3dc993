"""Entry titles in the visitor's language (#18, item 3): data/translations, with their source."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from torturefree.lists.catalogue import load_catalogue
from torturefree.lists.titles import check_titles, load_titles, translated_title
from torturefree.paths import builtin_data_dir

LANGUAGES = {"fr", "es", "ru", "ar", "zh-hans"}
CHAIRS = "eu-2019-125/electric-chairs"


def test_every_translation_is_of_an_entry_title_in_the_data() -> None:
    root = builtin_data_dir()
    assert check_titles(root, load_catalogue(root).entries) == []
    files = load_titles(root)
    assert {f.language for f in files} == LANGUAGES
    # Drafted, not read in an authentic text: the data says so and pages say "unofficial".
    assert all(not f.source.verified and f.source.note for f in files)


def test_every_title_of_every_version_of_every_list_is_translated() -> None:
    """Older versions (shown on an entry's history and in determinations on past dates) and the
    GB and US lists too, not only the EU entries in force."""
    root = builtin_data_dir()
    entries = load_catalogue(root).entries
    assert {entry_id.split("/")[0] for entry_id in entries} >= {
        "eu-2019-125",
        "gb-eco-2008",
        "us-15-cfr-742",
    }
    missing = [
        (entry_id, version.title, language)
        for entry_id, entry in entries.items()
        for version in entry.versions
        for language in LANGUAGES
        if translated_title(root, entry_id, version.title, language) is None
    ]
    assert missing == []


def page(path: str, language: str) -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(path)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fr", "Chaises électriques conçues pour l'exécution d'êtres humains"),
        ("ar", "الكراسي الكهربائية المخصصة لإعدام البشر"),
        ("zh-CN", "用于处决人的电椅"),
    ],
)
def test_the_lists_and_an_entry_show_the_title_in_the_language(language: str, title: str) -> None:
    lists = page("/lists/?q=electric+chair", language)
    assert title in lists  # (the derived GB list too: it has the EU words)
    entry = page(f"/lists/entry/{CHAIRS}", language)
    assert f'<h1 dir="auto">{title}</h1>' in entry
    # The English text in force stays on the entry's page, marked as English.
    assert '<dd lang="en" dir="ltr">Electric chairs for the purpose' in entry
    assert "AI model" in entry


@pytest.mark.django_db
def test_english_visitors_and_other_languages_get_the_english_title() -> None:
    for language in ("en", "de"):
        entry = page(f"/lists/entry/{CHAIRS}", language)
        assert '<h1 dir="auto">Electric chairs for the purpose' in entry
        assert "AI model" not in entry


@pytest.mark.django_db
def test_an_entry_shows_its_notes_and_what_it_does_not_cover() -> None:
    entry = page("/lists/entry/eu-2019-125/leg-cuffs", "en")
    assert "Leg cuffs are two cuffs, usually made of metal" in entry
    assert "<dt>Not covered</dt>" in entry
    assert "Non-adjustable leg irons are prohibited under Annex II item 2.5" in entry


@pytest.mark.django_db
def test_an_entry_notes_in_arabic_keep_the_english_in_force_beneath() -> None:
    entry = page("/lists/entry/eu-2019-125/leg-cuffs", "ar")
    note = "أصفاد الساقين سواران، مصنوعان عادةً من المعدن"
    assert f'<span dir="auto">{note}' in entry
    assert '<small lang="en" dir="ltr">Leg cuffs are two cuffs, usually made of metal' in entry
    assert "قيود الساقين الحديدية غير القابلة للتعديل محظورة" in entry  # what it does not cover
