"""The hub's side of list releases: a draft from an adopted (or repealed) request, signed with the
hub's key and built on the last release it published; publishing a reviewed release (verified
with the hub's own key, never older than the last, kept byte for byte and served to nodes); the
hub then reads that law itself."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from django.db import transaction

from torturefree.errors import InputError
from torturefree.exchange.keys import Keyring, SigningKey
from torturefree.exchange.publickey import PublicKey
from torturefree.exchange.timefmt import now_utc
from torturefree.lists.amendments.draft import Draft, draft_release
from torturefree.lists.release_archive import ReleaseFile, read_archive
from torturefree.lists.release_keys import key_for
from torturefree.lists.release_sign import pem_signer
from torturefree.lists.release_store import ReleaseStore
from torturefree.lists.release_verify import verify_release
from torturefree.paths import data_dir, home_dir
from torturefree_service.amendments.models import PublishedRelease
from torturefree_service.amendments.services import procedure_of


def hub_signer(pem: Path | None = None) -> tuple[SigningKey, str]:
    if pem is not None:
        return pem_signer(pem)
    key = Keyring(home_dir()).signing_key(now_utc())
    return key, key.public.public_key


def hub_public_keys() -> list[PublicKey]:
    """Every key the hub has had (a release names its own; release_keys.key_for picks it)."""
    return Keyring(home_dir()).public_keys()


def latest() -> PublishedRelease | None:
    return PublishedRelease.objects.order_by("-sequence").first()


def latest_file() -> ReleaseFile | None:
    row = latest()
    if row is None:
        return None
    with tempfile.TemporaryDirectory(prefix="tf-hub-release-") as folder:
        path = Path(folder) / "release.tar"
        path.write_bytes(bytes(row.archive))
        return read_archive(path)


def draft(
    request_id: str,
    work: Path,
    pem: Path | None = None,
    previous: Path | None = None,
    data: Path | None = None,
) -> Draft:
    """Build `work/release.tar` for the request's outcome (not published: review it first)."""
    signer, public = hub_signer(pem)
    before = read_archive(previous) if previous else latest_file()
    return draft_release(procedure_of(request_id), data or data_dir(), work, signer, public, before)


def publish(path: Path, key: PublicKey | None = None) -> tuple[PublishedRelease, bool]:
    """Publish a release file the hub signed; (its row, whether it was new)."""
    release = read_archive(path)
    verifying = key or key_for(release, hub_public_keys())
    verify_release(release, verifying)
    raw = path.read_bytes()
    with transaction.atomic():
        known = PublishedRelease.objects.filter(release=release.release).first()
        if known is not None:
            return known, False
        last = latest()
        sequence = int(release.manifest["sequence"])
        if last is not None and sequence <= last.sequence:
            raise InputError(
                f"sequence {sequence} is not above the last published ({last.sequence})",
                field="sequence",
            )
        row = PublishedRelease.objects.create(
            release=release.release,
            sequence=sequence,
            issued_at=str(release.manifest["issued_at"]),
            title=str(release.manifest.get("title") or ""),
            changelog=list(release.manifest["changelog"]["text"]),
            archive=raw,
            sha256=hashlib.sha256(raw).hexdigest(),
        )
    ReleaseStore(home_dir()).load(path, verifying)
    _directory_names_it()
    return row, True


def _directory_names_it() -> None:
    """Once the hub publishes a directory, each release gets a new version naming it, so nodes
    holding the directory see which release is current (hub/participants.py, named_release)."""
    from torturefree_service.hub.participants import directory_publish
    from torturefree_service.hub.participants import latest as latest_directory

    if latest_directory() is not None:
        directory_publish()
