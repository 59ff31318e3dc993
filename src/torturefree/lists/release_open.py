"""Naming a release on the command line: a release file, a loaded release id, or `builtin`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from torturefree.errors import InputError
from torturefree.lists.catalogue import Catalogue, load_catalogue
from torturefree.lists.release_archive import ReleaseFile, read_archive
from torturefree.lists.release_build import catalogue_of, read_tree
from torturefree.lists.release_index import BUILTIN, ReleaseIndex
from torturefree.paths import builtin_data_dir


def open_catalogue(
    spec: str, home: Path, field: str = "RELEASE"
) -> tuple[Catalogue, dict[str, str]]:
    """The law of a named release and its files' hashes (path -> sha256 as the manifest lists)."""
    if spec == BUILTIN:
        root = builtin_data_dir()
        return load_catalogue(root), _hashes(read_tree(root))
    path = Path(spec)
    if path.is_file():
        release = read_archive(path)
        return catalogue_of(release.files), manifest_hashes(release)
    if spec.startswith("sha256:"):
        root = ReleaseIndex(home).data_path(spec)
        return load_catalogue(root), _hashes(read_tree(root))
    raise InputError(
        f"'{spec}' is no release file, no loaded release id and not 'builtin'", field=field
    )


def manifest_hashes(release: ReleaseFile) -> dict[str, str]:
    return {f["path"]: f["sha256"] for f in release.manifest["files"]}


def _hashes(files: dict[str, bytes]) -> dict[str, str]:
    return {p: hashlib.sha256(d).hexdigest() for p, d in files.items()}


def release_catalogue(release: str, home: Path) -> Catalogue:
    """The law of a release by id, to re-run a stored determination: the built-in data/ if it is
    that release, else the release as this node loaded it (InputError if it never did)."""
    builtin = load_catalogue(builtin_data_dir())
    if builtin.release == release:
        return builtin
    return load_catalogue(ReleaseIndex(home).data_path(release))
