"""A draft list release from an adopted (or repealed) amendment: the data/ change applied to a
copy of the data, built and signed by `lists release build`'s own function, with the machine diff
against the data it started from for review."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torturefree.lists.amendments.adopt import DataChange, adoption_change, repeal_change
from torturefree.lists.amendments.state import Procedure
from torturefree.lists.catalogue import load_catalogue
from torturefree.lists.release_archive import ReleaseFile, write_archive
from torturefree.lists.release_build import build_release
from torturefree.lists.release_diff import diff_releases
from torturefree.lists.release_sign import Signer


@dataclass(frozen=True)
class Draft:
    change: DataChange
    data: Path  # the changed copy of the data
    entries: list[dict[str, Any]]  # the machine diff against the data it started from
    release: ReleaseFile


def data_change(procedure: Procedure, root: Path) -> DataChange:
    """The change the procedure's outcome makes: adoption, or the repeal of an urgent one."""
    if procedure.state == "repealed":
        return repeal_change(procedure, root)
    return adoption_change(procedure, root)


def draft_release(
    procedure: Procedure,
    data: Path,
    work: Path,
    signer: Signer,
    public_key: str,
    previous: ReleaseFile | None = None,
    issued_at: dt.datetime | None = None,
) -> Draft:
    """Copy `data` to `work/data`, apply the change, build and sign the release; `work/release.tar`."""
    change = data_change(procedure, data)
    copy = work / "data"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(data, copy)
    change.apply(copy)
    entries = diff_releases(load_catalogue(data), load_catalogue(copy))
    title = f"Amendment {procedure.request.id}: {change.summary}"
    release = build_release(copy, signer, public_key, previous, issued_at=issued_at, title=title)
    write_archive(work / "release.tar", release.header, release.files)
    return Draft(change, copy, entries, release)
