"""Which files of data/ a list release carries, and the release id: one hash over exactly those.

A release carries every file the engines read: instruments, lists, derived lists, destinations,
parameters, profiles, rules, goods, countries, evidence and trade data. It leaves out `demo/`
(sample transactions for the tour, not law) and Markdown notes (SOURCES.md, README.md: they say
where the data comes from; no engine reads them). The id is a hash over the carried files' paths
and bytes, so the same data gives the same id whether it is read from data/ or from a release.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

EXCLUDED_FOLDERS = frozenset({"demo"})
EXCLUDED_SUFFIXES = frozenset({".md"})
ID_PREFIX = "sha256:"
ID_HEX = 16  # the data_release field every determination records (contracts.md)


def carried(relative: str) -> bool:
    """Whether a path (POSIX, relative to data/) belongs in a release."""
    parts = relative.split("/")
    if parts[0] in EXCLUDED_FOLDERS or any(p.startswith(".") for p in parts):
        return False
    return not any(relative.endswith(suffix) for suffix in EXCLUDED_SUFFIXES)


def release_files(root: Path) -> list[tuple[str, Path]]:
    """The carried files under `root`, as (POSIX relative path, path), sorted by relative path."""
    found = (
        (path.relative_to(root).as_posix(), path) for path in root.rglob("*") if path.is_file()
    )
    return sorted((rel, path) for rel, path in found if carried(rel))


def content_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """The full sha256 (hex) over each file's path and bytes, in path order."""
    digest = hashlib.sha256()
    for relative, data in sorted(files, key=lambda item: item[0]):
        digest.update(relative.encode())
        digest.update(b"\0")
        digest.update(data)
        digest.update(b"\0")
    return digest.hexdigest()


def release_id_of(digest: str) -> str:
    """The release id a full content digest gives (what determinations record)."""
    return ID_PREFIX + digest[:ID_HEX]


def tree_digest(root: Path) -> str:
    return content_digest((rel, path.read_bytes()) for rel, path in release_files(root))
