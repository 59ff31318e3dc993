"""Jurisdiction profiles as data (data/profiles): what a participant's profile may be."""

from __future__ import annotations

from torturefree.paths import data_dir


def profile_ids() -> list[str]:
    """The profile ids shipped in data/profiles (EU, UN-A, UN-A+DP, UN-B, ...)."""
    return sorted(p.stem for p in (data_dir() / "profiles").glob("*.yaml"))
