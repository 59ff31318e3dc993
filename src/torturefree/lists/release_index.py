"""The index of a node's release store (`<home>/releases/index.json`) and which law the engines read.

Kept free of the verification machinery, so `torturefree.paths.data_dir()` can ask it cheaply.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torturefree.errors import InputError

FOLDER = "releases"
INDEX = "index.json"
# Which law the engines read: unset = the current loaded release if any, else the built-in data/;
# "builtin" = always data/; a release id = that loaded release (to re-run old determinations).
RELEASE_ENV = "TORTUREFREE_RELEASE"
BUILTIN = "builtin"


@dataclass(frozen=True)
class Loaded:
    release: str
    sequence: int
    issued_at: str
    previous: str | None
    key_id: str
    loaded_at: str

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


class ReleaseIndex:
    """What a node loaded: read and written as one JSON file, replaced atomically."""

    def __init__(self, home: Path) -> None:
        self.folder = home / FOLDER

    def loaded(self) -> list[Loaded]:
        return [Loaded(**row) for row in self._index()["releases"]]

    def current(self) -> Loaded | None:
        current = self._index()["current"]
        return next((r for r in self.loaded() if r.release == current), None)

    def data_path(self, release: str) -> Path:
        """The data folder of a loaded release (InputError if this node never loaded it)."""
        if not any(r.release == release for r in self.loaded()):
            raise InputError(f"release {release} is not loaded on this node", field="release")
        return self.folder / folder_name(release) / "data"

    def _index(self) -> dict[str, Any]:
        path = self.folder / INDEX
        if not path.exists():
            return {"current": None, "releases": []}
        value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return value

    def write(self, current: str, rows: list[Loaded]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        document = {"current": current, "releases": [r.to_json() for r in rows]}
        temporary = self.folder / (INDEX + ".part")
        temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, self.folder / INDEX)


def folder_name(release: str) -> str:
    return release.removeprefix("sha256:")


def loaded_data_dir(home: Path) -> Path | None:
    """The data folder the engines should read under $TORTUREFREE_RELEASE, or None for data/."""
    choice = os.environ.get(RELEASE_ENV, "")
    if choice == BUILTIN:
        return None
    index = ReleaseIndex(home)
    if choice:
        return index.data_path(choice)
    current = index.current()
    return index.data_path(current.release) if current else None
