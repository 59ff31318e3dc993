"""Page tests: Django on SQLite (or PostgreSQL with DATABASE_URL), and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_HOME = Path(tempfile.mkdtemp(prefix="tf-web-"))
os.environ.setdefault("TORTUREFREE_HOME", str(_HOME))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torturefree_service.settings")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ.setdefault("TORTUREFREE_LEDGER_URL", str(_HOME / "ledger.sqlite3"))

import django  # noqa: E402

django.setup()

from django.conf import settings as _settings  # noqa: E402

_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Jobs run in the request that asks for them (tests read their outcome at once); test_jobs.py
# switches this off to see a job queued and running.
_settings.TORTUREFREE_JOBS_SYNC = True

import pytest  # noqa: E402
from torturefree_service.audit.ledger import close_ledgers  # noqa: E402
from torturefree_service.organisations.models import Organisation, Person  # noqa: E402
from torturefree_service.organisations.services import person_create  # noqa: E402

from watchlist_kit import versioned_watchlist  # noqa: E402
from web.pagekit import ARTEFACTS, AXE, CHROMEDRIVER, CHROMIUM, PASSWORD  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _ledger_closed(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    yield
    close_ledgers()


def make_person(username: str, role: str, organisation: Organisation | None = None) -> Person:
    return person_create(username=username, password=PASSWORD, role=role, organisation=organisation)


def make_people() -> dict[str, Any]:
    acme = Organisation.objects.create(
        name="Acme Security Exports GmbH", kind="exporter", country="DE", status="active"
    )
    other = Organisation.objects.create(
        name="Other Trading BV", kind="exporter", country="NL", status="active"
    )
    people = {
        "trader": make_person("trader", "trader", acme),
        "trader2": make_person("trader2", "trader", other),
        "caseworker": make_person("caseworker", "caseworker"),
        "senior": make_person("senior", "senior_officer"),
        "senior2": make_person("senior2", "senior_officer"),
        "auditor": make_person("auditor", "auditor"),
    }
    return {"orgs": {"acme": acme, "other": other}, "people": people}


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    return make_people()


@pytest.fixture
def watchlist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A watchlist store of this test's own; returns a function importing the next version."""
    from torturefree_service.checks import engines

    engines.risk_context()  # built once per process: built from the session's home, not this one
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    return versioned_watchlist(tmp_path, "tf-web")


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is missing: apt-get install chromium chromium-driver (.ci/run does)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium; the dev extra has it)"
    if not AXE.exists():
        return f"{AXE} is missing: run npm ci at the repository root (.ci/run does)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Debian's chromedriver; nothing is downloaded (SE_OFFLINE)."""
    why = chromium_missing()
    if why:
        pytest.skip(why)
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="tf-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "--lang=en",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(60)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
