"""Loading a release into a node's store, `<home>/releases/`: verified, never older, kept for good.

Layout: `index.json` (release_index: the loaded releases in load order and the current one), and
per release `<hex>/release.tar` (the file as received) and `<hex>/data/` (its files, which the
engines read). A release is written under a temporary name and renamed, and the index is replaced
atomically, so a refused or interrupted load leaves the node with the release it had.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from torturefree.exchange.publickey import PublicKey
from torturefree.exchange.timefmt import format_time, now_utc, parse_time
from torturefree.lists.catalogue import load_catalogue
from torturefree.lists.errors import DataError
from torturefree.lists.release_archive import ReleaseFile, read_archive
from torturefree.lists.release_build import materialise
from torturefree.lists.release_errors import DATA, OLDER, ReleaseRefused
from torturefree.lists.release_index import Loaded, ReleaseIndex, folder_name
from torturefree.lists.release_keys import key_for
from torturefree.lists.release_verify import verify_release


class ReleaseStore(ReleaseIndex):
    def load(self, path: Path, key: PublicKey | Sequence[PublicKey]) -> tuple[Loaded, bool]:
        """Verify and keep a release, make it current; (its record, whether it was new). Given
        the hub's keys (a rotation), the one the release names, valid when it was issued."""
        release = read_archive(path)
        verify_release(release, key if isinstance(key, PublicKey) else key_for(release, key))
        known = next((r for r in self.loaded() if r.release == release.release), None)
        current = self.current()
        if known is not None and current is not None and known.release == current.release:
            return known, False
        _check_newer(release, current)
        record = Loaded(
            release=release.release,
            sequence=int(release.manifest["sequence"]),
            issued_at=str(release.manifest["issued_at"]),
            previous=release.manifest["previous"],
            key_id=str(release.header["signature"]["key_id"]),
            loaded_at=format_time(now_utc()),
        )
        self._store(path, release)
        rows = [r for r in self.loaded() if r.release != record.release] + [record]
        self.write(record.release, rows)
        return record, True

    def _store(self, path: Path, release: ReleaseFile) -> None:
        target = self.folder / folder_name(release.release)
        if target.is_dir():
            return  # content-addressed: the same id holds the same files
        partial = self.folder / (folder_name(release.release) + ".part")
        shutil.rmtree(partial, ignore_errors=True)
        materialise(release.files, partial / "data")
        try:
            loaded = load_catalogue(partial / "data")
        except DataError as error:
            shutil.rmtree(partial, ignore_errors=True)
            raise ReleaseRefused(DATA, f"its law data does not load: {error}") from error
        if loaded.release != release.release:
            shutil.rmtree(partial, ignore_errors=True)
            raise ReleaseRefused(DATA, f"loads as {loaded.release}, not {release.release}")
        shutil.copyfile(path, partial / "release.tar")
        partial.rename(target)


def _check_newer(release: ReleaseFile, current: Loaded | None) -> None:
    if current is None:
        return
    sequence, issued = int(release.manifest["sequence"]), parse_time(release.manifest["issued_at"])
    if sequence <= current.sequence or issued < parse_time(current.issued_at):
        raise ReleaseRefused(
            OLDER,
            f"release {release.release} (sequence {sequence}, issued {release.manifest['issued_at']}) "
            f"is not newer than the loaded {current.release} (sequence {current.sequence}, "
            f"issued {current.issued_at})",
            field="manifest.sequence",
        )
