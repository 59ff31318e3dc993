"""Driving the pages in Chromium: sign in, fill forms, screenshot and axe-check every page."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
ARTEFACTS = REPO / "test-artefacts" / "web"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "demo-password"
BAD = ("serious", "critical")


def _by() -> Any:
    from selenium.webdriver.common.by import By

    return By


@dataclass
class Pages:
    """One browser, one live server: every page visited is photographed and checked by axe."""

    driver: Any
    base: str
    shots: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.driver.get(self.base + path)

    def sign_in(self, username: str) -> None:
        self.driver.delete_all_cookies()
        self.go("/login")
        self.type("id_username", username)
        self.type("id_password", PASSWORD)
        self.press("Sign in")

    def type(self, element_id: str, text: str) -> None:
        box = self.driver.find_element(_by().ID, element_id)
        box.clear()
        box.send_keys(text)

    def pick(self, element_id: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self.driver.find_element(_by().ID, element_id)).select_by_value(value)

    def tick(self, name: str, value: str) -> None:
        selector = f"input[name='{name}'][value='{value}']"
        box = self.driver.find_element(_by().CSS_SELECTOR, selector)
        if not box.is_selected():
            self.driver.execute_script("arguments[0].click()", box)

    def press(self, text: str, within: str = "main") -> None:
        """Press the button with this text (inside `within`), as a keyboard user would."""
        xpath = f".//button[normalize-space()='{text}']"
        button = self.driver.find_element(_by().CSS_SELECTOR, within).find_element(
            _by().XPATH, xpath
        )
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        old = self.driver.find_element(_by().TAG_NAME, "html")
        button.click()
        self.settle(old)

    def settle(self, old: Any) -> None:
        """Wait until the page the click left is gone (the form posted and the answer loaded)."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        def gone(_: Any) -> bool:
            # Chromium answers "node does not belong to the document" as often as "stale".
            try:
                old.is_enabled()
            except WebDriverException:
                return True
            return False

        WebDriverWait(self.driver, 120).until(gone)
        WebDriverWait(self.driver, 120).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    def follow(self, text: str) -> None:
        link = self.driver.find_element(_by().PARTIAL_LINK_TEXT, text)
        self.driver.get(link.get_attribute("href"))

    @property
    def text(self) -> str:
        return str(self.driver.find_element(_by().TAG_NAME, "body").text)

    def value(self, element_id: str) -> str:
        return str(self.driver.find_element(_by().ID, element_id).get_attribute("value"))

    def check(self, name: str) -> None:
        """Screenshot the whole page to test-artefacts/web/ and run axe-core on it."""
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, min(max(900, int(height) + 40), 6000))
        path = ARTEFACTS / f"{len(self.shots) + 1:02d}-{name}.png"
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(1280, 900)
        self.shots.append(path.name)
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        violations = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
            " help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
        )
        for v in violations:
            if v["impact"] in BAD:
                self.problems.append(f"{name}: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}")

    def download(self, href: str) -> bytes:
        """Fetch a link with the browser's session cookie (Chromium headless saves no files)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(href, headers={"Cookie": cookies})
        with opener.open(request, timeout=120) as response:
            return bytes(response.read())

    def current_id(self, pattern: str) -> int:
        found = re.search(pattern, self.driver.current_url)
        assert found, f"{pattern} not in {self.driver.current_url}: {self.text[:1500]}"
        return int(found.group(1))
