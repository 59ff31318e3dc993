"""The six UN languages on the pages (#18): negotiated from the browser, chosen with the switch,
the choice remembered in the language cookie and winning over the browser's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

# "Skip to main content", the first string of every page, as each catalogue has it.
SKIP = {
    "ar": "الانتقال إلى المحتوى الرئيسي",
    "zh-hans": "跳到主要内容",
    "en": "Skip to main content",
    "fr": "Aller au contenu principal",
    "ru": "Перейти к основному содержанию",
    "es": "Saltar al contenido principal",
}
YEAR = 365 * 24 * 60 * 60


def html_tag(page: str) -> tuple[str, str]:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', page)
    assert found, "no <html lang dir>"
    return found.group(1), found.group(2)


def csrf(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "the language switch has no CSRF token"
    return found.group(1)


def choose(client: Client, language: str, next_url: str = "/lists/") -> Any:
    """Press the switch's button as a browser does: the form's token, its next, its value."""
    page = client.get(next_url).content.decode()
    assert f'name="next" value="{next_url}"' in page
    return client.post(
        "/language", {"csrfmiddlewaretoken": csrf(page), "language": language, "next": next_url}
    )


@pytest.mark.parametrize(
    ("header", "language", "direction"),
    [
        ("ar-MA,ar;q=0.9,fr;q=0.8", "ar", "rtl"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-hans", "ltr"),
        ("zh", "zh-hans", "ltr"),
        ("ru-RU,ru;q=0.9", "ru", "ltr"),
        ("es-419,es;q=0.9", "es", "ltr"),
        ("fr-CA", "fr", "ltr"),
        ("de-DE,de;q=0.9,ru;q=0.5", "ru", "ltr"),  # the first the service has, in the q order
        ("de-DE,ja;q=0.9", "en", "ltr"),  # none offered: the default
    ],
)
def test_an_anonymous_visitor_gets_the_browsers_language(
    header: str, language: str, direction: str
) -> None:
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE=header)
    page = response.content.decode()
    assert html_tag(page) == (language, direction)
    assert SKIP[language] in page
    assert "Accept-Language" in response["Vary"]  # a cache keeps one copy per language


def test_the_switch_offers_the_six_languages_each_named_in_itself() -> None:
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    switch = page[page.index('<form class="lang"') : page.index("</form>")]
    buttons = re.findall(r'<button type="submit" name="language" value="([^"]+)" lang="\1"', switch)
    assert buttons == [code for code, _ in settings.LANGUAGES]
    assert re.search(r'value="ar" lang="ar" dir="rtl"[^>]*>العربيّة<', switch)
    assert re.search(r'value="ru"[^>]* aria-current="true">Русский<', switch)
    assert switch.count('aria-current="true"') == 1


def test_the_choice_is_remembered_over_the_browsers_language() -> None:
    browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="fr")
    assert html_tag(browser.get("/lists/").content.decode()) == ("fr", "ltr")
    response = choose(browser, "ar")
    assert response.status_code == 302 and response["Location"] == "/lists/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ar"
    # Remembered: a year, not the browser session; not readable by scripts; sent on links.
    assert cookie["max-age"] == YEAR and cookie["httponly"] and cookie["samesite"] == "Lax"
    page = browser.get("/lists/").content.decode()
    assert html_tag(page) == ("ar", "rtl") and SKIP["ar"] in page
    # The browser comes back another day with only the cookie it kept.
    later = Client(HTTP_ACCEPT_LANGUAGE="fr")
    later.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie.value
    assert html_tag(later.get("/").content.decode()) == ("ar", "rtl")
    # And changes its mind.
    assert choose(browser, "zh-hans").cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert html_tag(browser.get("/").content.decode()) == ("zh-hans", "ltr")


def test_the_choice_survives_signing_in(people: dict[str, Any]) -> None:
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    choose(browser, "es")
    assert browser.login(username="trader", password="demo-password")
    page = browser.get("/trader/").content.decode()
    assert html_tag(page) == ("es", "ltr") and "Mis solicitudes" in page


@pytest.mark.parametrize("language", ["de", "xx"])  # Django has German; nobody has xx
def test_a_language_not_offered_changes_nothing(language: str) -> None:
    browser = Client(HTTP_ACCEPT_LANGUAGE="ru")
    assert choose(browser, language).status_code == 302
    assert html_tag(browser.get("/").content.decode()) == ("ru", "ltr")
    assert html_tag(browser.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()) == ("es", "ltr")


def test_the_switch_does_not_send_the_visitor_off_the_site() -> None:
    browser = Client()
    page = browser.get("/").content.decode()
    response = browser.post(
        "/language",
        {"csrfmiddlewaretoken": csrf(page), "language": "ar", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


@pytest.mark.parametrize(
    ("header", "language", "direction", "text"),
    [
        ("ar", "ar", "rtl", "لا توجد صفحة على هذا العنوان."),
        ("zh-CN", "zh-hans", "ltr", "此地址没有页面。"),
        ("en-GB", "en", "ltr", "There is no page at this address."),
    ],
)
def test_an_address_with_no_page_answers_in_the_visitors_language(
    header: str, language: str, direction: str, text: str
) -> None:
    response = Client().get("/no/such/page", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 404
    page = response.content.decode()
    assert html_tag(page) == (language, direction) and text in page
    assert 'name="language" value="ar"' in page  # the switch is there too
