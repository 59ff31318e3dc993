"""The lock files pin what the pinned results depend on, and say so when the machine differs.

Screening folds every script to ASCII through rigour and normality, and normality through
PyICU, which is built against the system's ICU: its transliteration rules are ICU data. A
fresh install on a machine with another ICU (or a newer normality/rigour) can move the pinned
screening counts, so the versions are locked and the ICU version is checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PINNED = ("rigour", "normality", "pyicu", "followthemoney", "rapidfuzz")
# The ICU the pinned screening results were made with (Debian 12's libicu72).
ICU_MAJOR = "72"


@pytest.mark.parametrize("lock", ["runtime.txt", "dev.txt"])
def test_the_lock_pins_every_dependency_with_hashes(lock: str) -> None:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([a-z0-9._-]+)==(\S+)", text, flags=re.M | re.I))
    lowered = {name.lower(): version for name, version in pins.items()}
    assert all(name in lowered for name in PINNED), sorted(lowered)
    assert "django-q2" in lowered and "gunicorn" in lowered
    blocks = re.split(r"\n(?=[a-z0-9])", text, flags=re.I)
    assert all("--hash=sha256:" in block for block in blocks if "==" in block.split("\n")[0])


def test_screening_folds_names_with_the_icu_it_was_pinned_with() -> None:
    import icu

    from torturefree.screening.normalize import _ascii_fold

    assert icu.ICU_VERSION.split(".")[0] == ICU_MAJOR, (
        f"this machine's ICU is {icu.ICU_VERSION}; the pinned screening results were made with "
        f"ICU {ICU_MAJOR} (docs/operations.md, 'Reproducible installs')"
    )
    assert _ascii_fold("Шевченко") == "shevchenko"
