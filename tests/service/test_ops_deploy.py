"""The production profile: `check --deploy` clean, a default or missing key refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

KEY = "k3y-" + "x9Q2vL7pR4sT8wZ1" * 4


def _check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "TORTUREFREE", "DJANGO"))
    }
    base |= {
        "TORTUREFREE_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "torturefree_service.settings",
        "TORTUREFREE_PROFILE": "production",
    }
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=base | env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_the_production_profile(tmp_path: Path) -> None:
    done = _check(tmp_path, DJANGO_SECRET_KEY=KEY, DJANGO_ALLOWED_HOSTS="licensing.example.gov")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "licensing.example.gov"}, "DJANGO_SECRET_KEY"),
        (
            {
                "DJANGO_SECRET_KEY": "torturefree-development-key-not-for-production",
                "DJANGO_ALLOWED_HOSTS": "a.example",
            },
            "DJANGO_SECRET_KEY",
        ),
        ({"DJANGO_SECRET_KEY": KEY}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_a_key_of_its_own_or_hosts(
    tmp_path: Path, env: dict[str, str], says: str
) -> None:
    done = _check(tmp_path, **env)
    assert done.returncode != 0 and says in done.stderr


def test_the_development_profile_warns_and_validators_are_on(tmp_path: Path) -> None:
    done = _check(tmp_path, TORTUREFREE_PROFILE="development")
    assert done.returncode != 0 and "security.W009" in done.stderr  # the public default key
    from django.contrib.auth.password_validation import get_default_password_validators

    assert len(get_default_password_validators()) == 4
