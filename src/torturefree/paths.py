"""Where torturefree finds its law data and keeps its state (TORTUREFREE_DATA, TORTUREFREE_HOME)."""

from __future__ import annotations

import os
from pathlib import Path

_REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The law-as-data tree: $TORTUREFREE_DATA, else the repository's data/ folder."""
    override = os.environ.get("TORTUREFREE_DATA")
    return Path(override) if override else _REPO_DATA


def home_dir() -> Path:
    """Where state lives: $TORTUREFREE_HOME, else ./var (contracts.md)."""
    return Path(os.environ.get("TORTUREFREE_HOME", "var"))
