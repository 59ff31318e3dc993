"""A list release on disk: one deterministic tar holding release.json, then data/<path> per file.

Deterministic (sorted members, zero times and owners, fixed modes), so building the same data
twice gives the same bytes apart from the manifest's issued_at and signature.
"""

from __future__ import annotations

import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torturefree.lists.release_errors import ARCHIVE, ReleaseRefused

HEADER = "release.json"
DATA = "data/"
MAX_MEMBERS = 100_000


@dataclass(frozen=True)
class ReleaseFile:
    """A release as read: its header (manifest + signature) and every data file's bytes."""

    header: dict[str, Any]
    files: dict[str, bytes]

    @property
    def manifest(self) -> dict[str, Any]:
        manifest: dict[str, Any] = self.header["manifest"]
        return manifest

    @property
    def release(self) -> str:
        return str(self.manifest["release"])


def write_archive(out: Path, header: dict[str, Any], files: dict[str, bytes]) -> None:
    """Write atomically: a temporary file renamed into place, so a reader never sees half."""
    temporary = out.with_name(out.name + ".part")
    with tarfile.open(temporary, "w", format=tarfile.PAX_FORMAT) as tar:
        _add(tar, HEADER, (json.dumps(header, indent=1, sort_keys=True) + "\n").encode())
        for relative in sorted(files):
            _add(tar, DATA + relative, files[relative])
    temporary.replace(out)


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), 0, 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    tar.addfile(info, io.BytesIO(data))


def read_archive(path: Path) -> ReleaseFile:
    """Read a release file; anything but regular members named release.json or data/… is refused."""
    try:
        with tarfile.open(path, "r:") as tar:
            return _read(tar, str(path))
    except FileNotFoundError as error:
        raise ReleaseRefused(ARCHIVE, "no such file", source=str(path)) from error
    except (tarfile.TarError, OSError) as error:
        raise ReleaseRefused(
            ARCHIVE, f"not a release archive ({error})", source=str(path)
        ) from error


def _read(tar: tarfile.TarFile, source: str) -> ReleaseFile:
    header: dict[str, Any] | None = None
    files: dict[str, bytes] = {}
    for count, member in enumerate(tar):
        if count >= MAX_MEMBERS or not member.isfile():
            raise ReleaseRefused(ARCHIVE, f"unexpected member '{member.name}'", source=source)
        stream = tar.extractfile(member)
        data = stream.read() if stream else b""
        if member.name == HEADER:
            header = _header(data, source)
        elif member.name.startswith(DATA) and member.name[len(DATA) :] not in files:
            files[member.name[len(DATA) :]] = data
        else:
            raise ReleaseRefused(ARCHIVE, f"unexpected member '{member.name}'", source=source)
    if header is None:
        raise ReleaseRefused(ARCHIVE, f"no {HEADER} in the archive", source=source)
    return ReleaseFile(header, files)


def _header(data: bytes, source: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReleaseRefused(ARCHIVE, f"{HEADER} is not JSON ({error})", source=source) from error
    if not isinstance(value, dict):
        raise ReleaseRefused(ARCHIVE, f"{HEADER} is not a JSON object", source=source)
    return value


def read_header(path: Path) -> dict[str, Any]:
    """Only release.json of a release the node already verified and stored (its changelog for a
    page): the header is the archive's first member, so the data files are not read."""
    try:
        with tarfile.open(path, "r:") as tar:
            member = tar.next()
            stream = tar.extractfile(member) if member and member.name == HEADER else None
            if stream is None:
                raise ReleaseRefused(ARCHIVE, f"{HEADER} is not the first member", source=str(path))
            return _header(stream.read(), str(path))
    except (tarfile.TarError, OSError) as error:
        raise ReleaseRefused(
            ARCHIVE, f"not a release archive ({error})", source=str(path)
        ) from error
