"""Verifying a release: schema, signature, the file list, every file's hash, the content id."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from torturefree.exchange.publickey import PublicKey
from torturefree.lists.release_archive import ReleaseFile
from torturefree.lists.release_content import carried, content_digest, release_id_of
from torturefree.lists.release_errors import (
    CONTENT,
    FILE_HASH,
    FILES,
    SCHEMA,
    ReleaseRefused,
)
from torturefree.lists.release_sign import verify_manifest

SCHEMA_ID = "torturefree-release/1"
SCHEMA_FILE = "schemas/torturefree-release-1.json"


@cache
def release_schema() -> dict[str, Any]:
    text = resources.files("torturefree.lists").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(release_schema())


def check_schema(header: dict[str, Any]) -> None:
    error = best_match(_validator().iter_errors(header))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "release.json"
        raise ReleaseRefused(SCHEMA, f"violates {SCHEMA_ID}: {error.message}", field=where)


def verify_release(release: ReleaseFile, key: PublicKey) -> None:
    """Raise ReleaseRefused naming the first check that fails; return when all hold."""
    check_schema(release.header)
    manifest = release.manifest
    verify_manifest(manifest, release.header["signature"], key)
    listed = {f["path"]: f for f in manifest["files"]}
    _check_file_list(set(listed), set(release.files))
    for path, row in sorted(listed.items()):
        data = release.files[path]
        if len(data) != row["size"] or hashlib.sha256(data).hexdigest() != row["sha256"]:
            raise ReleaseRefused(
                FILE_HASH,
                "its sha256 is not the one the manifest lists (the file was altered)",
                field=path,
            )
    digest = content_digest(release.files.items())
    if digest != manifest["content_sha256"] or release_id_of(digest) != manifest["release"]:
        raise ReleaseRefused(
            CONTENT,
            f"the content hash gives {release_id_of(digest)}, the manifest says "
            f"{manifest['release']}",
            field="manifest.release",
        )


def _check_file_list(listed: set[str], present: set[str]) -> None:
    missing, extra = sorted(listed - present), sorted(present - listed)
    if missing:
        raise ReleaseRefused(
            FILES, f"listed in the manifest but not in the archive: {missing[:5]}", field=missing[0]
        )
    if extra:
        raise ReleaseRefused(
            FILES, f"in the archive but not in the manifest: {extra[:5]}", field=extra[0]
        )
    stray = sorted(p for p in listed if not carried(p))
    if stray:
        raise ReleaseRefused(FILES, f"a release does not carry {stray[:5]}", field=stray[0])
