"""The pages in each UN language in headless Chromium (#18): chosen with the switch, `lang` and
`dir` right, Arabic mirrored with numbers left to right, no page string left in English, axe
without serious or critical problems, and a screenshot of each in test-artefacts/languages/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from babel.messages.pofile import read_po
from torturefree_service.applications.services import application_create, application_submit
from torturefree_service.cases.services import case_assign

from web import pagekit
from web.conftest import make_people
from web.pagekit import Pages

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = pagekit.REPO / "test-artefacts" / "languages"
LOCALE = pagekit.REPO / "torturefree_service" / "locale"
# The button of each language in the switch, as Django names the language in itself.
BUTTON = {
    "ar": "العربيّة",
    "zh-hans": "简体中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
CATALOGUE = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}
PUBLIC = [
    ("home", "/"),
    ("check", "/check?description=handcuffs+with+chain"),
    ("lists", "/lists/?date=2025-06-01"),
    ("verify", "/verify/"),
]


def _patterns(language: str) -> list[re.Pattern[str]]:
    """Each translated msgid as a pattern of a whole line of the page (placeholders match anything)."""
    with (LOCALE / CATALOGUE[language] / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle)
    patterns = []
    for message in catalogue:
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for msgid in [message.id] if isinstance(message.id, str) else list(message.id):
            plain = re.sub(r"<[^>]+>", "", msgid)
            words = re.findall(r"[A-Za-z]{2,}", re.sub(r"%\([a-z_]+\)[sd]", "", plain))
            if len(words) < 2 or msgid in strings:
                continue  # one word ("Annex", "CSV") may rightly be the same in the language
            parts = re.split(r"%\([a-z_]+\)[sd]", plain)
            patterns.append(re.compile(".+?".join(re.escape(part) for part in parts)))
    return patterns


def english_left(language: str, text: str) -> list[str]:
    """Lines of the page that are a page string still in English (the catalogue translates it)."""
    patterns = _patterns(language)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [line for line in lines if any(p.fullmatch(line) for p in patterns)]


def latin_lines(text: str) -> list[str]:
    """Lines of an Arabic or Chinese page written in Latin letters: data not translated yet
    (entry titles, the goods questions, country names), listed for review, not failed on."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [line for line in lines if len(re.findall(r"[A-Za-z]{3,}", line)) >= 3]


def choose(p: Pages, language: str) -> None:
    p.press(BUTTON[language], within="header")


def html(p: Pages) -> tuple[str, str]:
    found = p.driver.execute_script(
        "return [document.documentElement.lang, document.documentElement.dir,"
        " getComputedStyle(document.body).direction]"
    )
    assert found[1] == found[2], f"dir={found[1]} but the body is laid out {found[2]}"
    return str(found[0]), str(found[1])


def brand_side(p: Pages) -> str:
    """Where the header's first item sits: 'left' on a left-to-right page, 'right' if mirrored."""
    left, right, width = p.driver.execute_script(
        "const b = document.querySelector('header .brand').getBoundingClientRect();"
        "return [b.left, b.right, document.documentElement.clientWidth];"
    )
    return "left" if left < width - right else "right"


@pytest.fixture
def pages(browser: Any, live_server: Any, transactional_db: Any, monkeypatch: Any) -> Pages:
    SHOTS.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(pagekit, "ARTEFACTS", SHOTS)
    browser.delete_all_cookies()
    return Pages(browser, live_server.url)


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("zh-hans", "ltr"), ("ru", "ltr"), ("es", "ltr"), ("fr", "ltr")],
)
def test_the_public_pages_in_each_language(pages: Pages, language: str, direction: str) -> None:
    p = pages
    p.go("/")
    assert html(p) == ("en", "ltr") and brand_side(p) == "left"
    choose(p, language)
    cookie = p.driver.get_cookie("django_language")
    assert cookie and cookie["value"] == language and cookie.get("expiry")  # kept, not a session's
    for name, path in PUBLIC:
        p.go(path)
        assert html(p) == (language, direction), path
        assert brand_side(p) == ("right" if direction == "rtl" else "left"), path
        left = english_left(language, p.text)
        assert not left, f"{path} in {language}, page strings left in English: {left}"
        if language in ("ar", "zh-hans"):
            listing = SHOTS / f"{language}-{name}-latin.txt"
            listing.write_text("\n".join(latin_lines(p.text)) + "\n", encoding="utf-8")
        if name == "check":
            # Numbers typed into an Arabic page still read left to right.
            number = (
                "return getComputedStyle(document.querySelector('input[type=number]')).direction"
            )
            assert p.driver.execute_script(number) == "ltr"
        p.check(f"{language}-{name}")
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)


def test_a_trader_in_arabic_and_chinese(pages: Pages) -> None:
    make_people()
    p = pages
    p.sign_in("trader")
    for language, direction in (("ar", "rtl"), ("zh-hans", "ltr")):
        choose(p, language)
        p.go("/trader/")
        assert html(p) == (language, direction)
        assert not english_left(language, p.text), english_left(language, p.text)
        p.check(f"{language}-trader-home")
        p.go("/trader/applications/new")
        assert html(p) == (language, direction)
        p.check(f"{language}-trader-start")
    choose(p, "en")
    assert html(p) == ("en", "ltr")
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)


def test_a_caseworkers_case_in_arabic(pages: Pages) -> None:
    """The densest page, mirrored: tables, codes, scores and dates inside Arabic text."""
    who = make_people()["people"]
    body = {
        "destination": "BR",
        "end_use": "law_enforcement",
        "lines": [{"description": "stun gun, 50 kV, handheld", "quantity": 10, "value": 1200}],
        "parties": [{"role": "end_user", "name": "Policia Militar", "country": "BR"}],
    }
    draft = application_create(by=who["trader"], type="individual_export", data=body)
    case = application_submit(by=who["trader"], application=draft).case
    case_assign(by=who["caseworker"], case=case, assignee=who["caseworker"])
    p = pages
    p.sign_in("caseworker")
    choose(p, "ar")
    for name, path in (("queue", "/casework/"), ("case", f"/casework/cases/{case.pk}")):
        p.go(path)
        assert html(p) == ("ar", "rtl") and brand_side(p) == "right", path
        left = english_left("ar", p.text)
        assert not left, f"{path}, page strings left in English: {left}"
        (SHOTS / f"ar-{name}-latin.txt").write_text(
            "\n".join(latin_lines(p.text)) + "\n", encoding="utf-8"
        )
        p.check(f"ar-caseworker-{name}")
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)
