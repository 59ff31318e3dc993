"""The hub's public pages in Arabic and Chinese (#18), in headless Chromium against a real hub
(`torturefree serve --role hub`, tests/hub/hubkit.py): the switch, `lang` and `dir`, Arabic
mirrored, no page string left in English, axe, screenshots in test-artefacts/languages/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hub.hubkit import Hub, port_for, run
from web import pagekit
from web.pagekit import Pages
from web.test_languages_browser import SHOTS, brand_side, choose, english_left, html, latin_lines

PAGES = [("hub-home", "/"), ("hub-participants", "/participants"), ("hub-countries", "/countries/")]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    root: Path = tmp_path_factory.mktemp("hub-languages")
    hub = Hub(root / "HUB", port_for(5))
    hub.join("HUB", "--name", "Monitoring body")
    hub.join("FR", "--name", "FR authority", "--profile", "EU")
    hub.join("KE", "--name", "KE authority", "--profile", "UN-A+DP", "--annex", "death_penalty")
    run(hub.home, "hub", "directory", "publish", "--out", str(root / "directory.json"))
    hub.start()
    yield hub
    hub.stop()


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("zh-hans", "ltr")])
def test_the_hubs_pages_in_arabic_and_chinese(
    browser: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch, language: str, direction: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(pagekit, "ARTEFACTS", SHOTS)
    browser.delete_all_cookies()
    p = Pages(browser, hub.url)
    p.go("/")
    assert html(p) == ("en", "ltr")
    choose(p, language)
    for name, path in PAGES:
        p.go(path)
        assert html(p) == (language, direction), path
        assert brand_side(p) == ("right" if direction == "rtl" else "left"), path
        left = english_left(language, p.text)
        assert not left, f"hub {path} in {language}, page strings left in English: {left}"
        (SHOTS / f"{language}-{name}-latin.txt").write_text(
            "\n".join(latin_lines(p.text)) + "\n", encoding="utf-8"
        )
        p.check(f"{language}-{name}")
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)
