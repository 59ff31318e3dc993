"""Journeys of #20 in real headless Chromium, each page photographed and checked by axe-core."""

from __future__ import annotations

from typing import Any

import pytest

from web.pagekit import Pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(browser: Any, live_server: Any, transactional_db: Any) -> Pages:
    return Pages(browser, live_server.url)


def test_public_checker_asks_about_handcuffs_then_answers(pages: Pages) -> None:
    p = pages
    p.go("/check")
    p.type("id_description", "handcuffs with chain")
    p.press("Check")
    assert "We need to know more" in p.text
    p.check("checker-asks")
    p.type("p_overall_length_locked", "250")
    p.type("p_inside_circumference_last_notch", "160")
    p.type("p_inside_circumference_first_notch", "210")
    p.press("Check again with these answers")
    assert "Not controlled" in p.text
    assert "What your answers settled" in p.text
    p.check("checker-answered")
    p.go("/check?description=electric+shock+belt")
    assert "Export is prohibited: Regulation (EU) 2019/125, Article 3(1)." in p.text
    p.check("checker-prohibited")
    p.go("/lists/?q=menottes")
    assert "Shackles" in p.text
    p.check("lists-search")
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)
