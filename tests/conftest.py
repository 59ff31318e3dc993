"""Fixtures shared by the whole suite: where the real public data lives, and the repository root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_data_path() -> Path:
    """$TORTUREFREE_SHARED_DATA, else ../shared/data beside the repository (as CI lays it out)."""
    override = os.environ.get("TORTUREFREE_SHARED_DATA")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public data files; tests that need them skip, saying why, where they are absent."""
    path = shared_data_path()
    if not path.is_dir():
        pytest.skip(f"the shared public data is not at {path} (set TORTUREFREE_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(autouse=True)
def _throttle_counts_cleared() -> object:
    """Sign-in failure counts live in the service's cache (#19): one test's wrong passwords or
    tokens must not lock out the next test's logins."""
    yield
    import sys

    if "django.core.cache" in sys.modules:
        from django.conf import settings

        if settings.configured:
            from django.core.cache import cache

            cache.clear()
