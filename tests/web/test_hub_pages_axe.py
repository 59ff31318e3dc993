"""Every public page of the hub through axe-core (the node pages' check, tests/web/pagekit.py), in
English and French, in headless Chromium against a real hub (`torturefree serve --role hub`)
holding a register entry, a published watchlist listing and a published case outcome."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hub import hubweb
from hub.hubkit import Hub, hub_with_states, run, update
from hub.test_hub_cases import CASE, _api
from hub.test_hub_watchlist import LISTING
from web import pagekit
from web.pagekit import Pages
from web.test_languages_browser import choose

MADE: dict[str, str] = {}  # the case the fixture made: its receipt and number


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    root: Path = tmp_path_factory.mktemp("hub-axe")
    hub = hub_with_states(root, 4)
    hub.start()
    try:
        _fill(hub, root)
        yield hub
    finally:
        hub.stop()


def _fill(hub: Hub, root: Path) -> None:
    hub.post(hub.message("FR", update("FR", "FR-GL-1", "Menottes Dupont SARL")).raw)
    proposal = root / "proposal.json"
    proposal.write_text(json.dumps({"action": "propose", "reference": "AXE-1", "listing": LISTING}))
    made = json.loads(
        run(hub.home, "hub", "watchlist", "propose", str(proposal), "--by", "analyst-a").stdout
    )
    for reviewer in ("analyst-b", "analyst-c"):
        number = str(made["listing"])
        run(hub.home, "hub", "watchlist", "review", number, "--by", reviewer, "--approve")
    run(hub.home, "hub", "watchlist", "publish")
    _status, case = _api(hub, json.dumps(CASE).encode())
    n = str(case["number"])
    run(
        hub.home,
        "hub",
        "case",
        "triage",
        n,
        "--by",
        "s",
        "--priority",
        "high",
        "--deadline",
        "2027-01-31",
    )
    run(hub.home, "hub", "case", "assign", n, "--by", "s", "--to", "analyst-a")
    run(
        hub.home,
        "hub",
        "case",
        "finding",
        n,
        "--by",
        "analyst-a",
        "--text",
        "Annex II goods offered.",
    )
    run(hub.home, "hub", "case", "publish", n, "--by", "s2", "--outcome", "Reported to the state.")
    MADE.update(receipt=case["receipt"], case=n)


def _pages() -> list[tuple[str, str]]:
    return [
        ("home", "/"),
        ("participants", "/participants"),
        ("register", "/register/"),
        ("register-search", "/register/?q=dupont&country=FR&valid_on=2026-06-01"),
        ("register-bad", "/register/?valid_on=tomorrow"),
        ("entry", "/register/entries/0"),
        ("personal-data", "/register/personal-data"),
        ("countries", "/countries/"),
        ("country", "/countries/FR"),
        ("compare", "/countries/compare?a=FR&b=KE"),
        ("watchlist", "/watchlist/"),
        ("cases", "/cases/"),
        ("case-new", "/cases/new"),
        ("case-follow", f"/cases/follow?receipt={MADE['receipt']}"),
        ("case-outcome", f"/cases/{MADE['case']}"),
        ("trade", "/trade/"),
        ("reports", "/reports/"),
        ("sign-in", "/account/sign-in"),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_hub_page_passes_axe(
    browser: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, language: str
) -> None:
    monkeypatch.setattr(pagekit, "ARTEFACTS", tmp_path)
    browser.delete_all_cookies()
    p = Pages(browser, hub.url)
    p.go("/")
    if language != "en":
        choose(p, language)
    for name, path in _pages():
        p.go(path)
        lang = browser.find_element("tag name", "html").get_attribute("lang")
        assert lang == language, path
        assert "Server Error" not in p.text, path
        p.check(f"hub-{language}-{name}")
    assert len(p.shots) == len(_pages())
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)


# Signed-in pages: the desk and a case as each role sees it (with the forms of its steps), on a
# case still open so the forms are there.
ROLES = [
    ("secretariat",),
    ("analyst",),
    ("reviewer",),
    ("state_focal_point", "--state", "KE"),
    ("organisation", "--organisation", "NPM of Axestan", "--kind", "npm"),
]


def _sign_in(p: Pages, username: str) -> None:
    p.driver.delete_all_cookies()
    p.go("/account/sign-in")
    p.type("id_username", username)
    p.type("id_password", hubweb.PASSWORD)
    p.press("Sign in")
    assert p.driver.current_url.endswith("/desk/"), p.driver.current_url


@pytest.mark.parametrize("language", ["en", "fr"])
def test_signed_in_hub_pages_pass_axe(
    browser: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, language: str
) -> None:
    monkeypatch.setattr(pagekit, "ARTEFACTS", tmp_path)
    _status, case = _api(hub, json.dumps(CASE).encode())
    n = str(case["number"])
    run(hub.home, "hub", "case", "triage", n, "--by", "s", "--priority", "high")
    p = Pages(browser, hub.url)
    for role, *options in ROLES:
        _sign_in(p, hubweb.account(hub, role, *options))
        if language != "en":
            choose(p, language)
        for name, path in (("desk", "/desk/"), ("case", f"/desk/cases/{n}")):
            p.go(path)
            assert browser.find_element("tag name", "html").get_attribute("lang") == language
            assert "Server Error" not in p.text, path
            p.check(f"hub-{language}-{role}-{name}")
    assert len(p.shots) == 2 * len(ROLES)
    assert not p.problems, "axe found serious or critical problems:\n" + "\n".join(p.problems)
