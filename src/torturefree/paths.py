"""Where torturefree finds its law data and keeps its state (TORTUREFREE_DATA, TORTUREFREE_HOME)."""

from __future__ import annotations

import os
from pathlib import Path

_REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The law-as-data tree: $TORTUREFREE_DATA, else the loaded list release ($TORTUREFREE_RELEASE),
    else the repository's data/ folder."""
    if os.environ.get("TORTUREFREE_DATA"):
        return builtin_data_dir()
    # A list release loaded into the home's release store is the law (docs/releases.md).
    from torturefree.lists.release_index import loaded_data_dir

    return loaded_data_dir(home_dir()) or _REPO_DATA


def builtin_data_dir() -> Path:
    """The data/ tree this installation ships (or $TORTUREFREE_DATA), whatever release is loaded."""
    override = os.environ.get("TORTUREFREE_DATA")
    return Path(override) if override else _REPO_DATA


def home_dir() -> Path:
    """Where state lives: $TORTUREFREE_HOME, else ./var (contracts.md)."""
    return Path(os.environ.get("TORTUREFREE_HOME", "var"))
