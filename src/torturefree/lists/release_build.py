"""Building a list release from a data/ tree: manifest, changelog against the previous, signature."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from pathlib import Path
from typing import Any

from torturefree.exchange.timefmt import format_time, now_utc
from torturefree.lists.catalogue import Catalogue, load_catalogue
from torturefree.lists.release_archive import ReleaseFile
from torturefree.lists.release_content import content_digest, release_files, release_id_of
from torturefree.lists.release_diff import diff_files, diff_releases
from torturefree.lists.release_sign import Signer, sign_manifest
from torturefree.lists.release_verify import SCHEMA_ID, check_schema


def read_tree(root: Path) -> dict[str, bytes]:
    return {relative: path.read_bytes() for relative, path in release_files(root)}


def materialise(files: dict[str, bytes], folder: Path) -> Path:
    """Write a release's files under `folder` (paths were checked by the schema: no '..')."""
    for relative, data in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def catalogue_of(files: dict[str, bytes]) -> Catalogue:
    """Load a release's law from its files (written to a temporary folder the loader reads)."""
    with tempfile.TemporaryDirectory(prefix="tf-release-") as folder:
        return load_catalogue(materialise(files, Path(folder)))


def build_release(
    root: Path,
    key: Signer,
    public_key: str,
    previous: ReleaseFile | None = None,
    issued_at: dt.datetime | None = None,
    title: str | None = None,
) -> ReleaseFile:
    """The release of the law under `root`, signed, with its changelog against `previous`."""
    files = read_tree(root)
    digest = content_digest(files.items())
    new = load_catalogue(root)  # refuses broken data before anything is signed
    manifest: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "release": release_id_of(digest),
        "content_sha256": digest,
        "sequence": 1 + (previous.manifest["sequence"] if previous else 0),
        "previous": previous.release if previous else None,
        "issued_at": format_time(issued_at or now_utc()),
        "files": [
            {"path": p, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
            for p, d in sorted(files.items())
        ],
        "changelog": changelog(previous, files, new),
    }
    if title:
        manifest["title"] = title
    header = {"manifest": manifest, "signature": sign_manifest(manifest, key, public_key)}
    check_schema(header)
    return ReleaseFile(header, files)


def changelog(
    previous: ReleaseFile | None, files: dict[str, bytes], new: Catalogue
) -> dict[str, Any]:
    if previous is None:
        return {"text": [f"First release: {len(files)} files."], "files": [], "entries": []}
    before = {f["path"]: f["sha256"] for f in previous.manifest["files"]}
    after = {p: hashlib.sha256(d).hexdigest() for p, d in files.items()}
    entries = diff_releases(catalogue_of(previous.files), new)
    changed_files = diff_files(before, after)
    return {
        "text": describe_changes(previous.release, changed_files, entries),
        "files": changed_files,
        "entries": entries,
    }


def describe_changes(
    previous: str, files: list[dict[str, str]], entries: list[dict[str, Any]]
) -> list[str]:
    """The changelog in words: a summary line, then one line per entry change and per file."""
    counts = {k: sum(e["kind"] == k for e in entries) for k in ("added", "changed", "removed")}
    lines = [
        f"Against {previous}: {counts['added']} entries added, {counts['changed']} changed, "
        f"{counts['removed']} removed; {len(files)} files differ."
    ]
    lines += [
        f"From {e['date']}: {e['entry']} {e['kind']} ({'; '.join(e['changes'])})" for e in entries
    ]
    lines += [f"File {f['path']} {f['kind']}." for f in files]
    return lines
