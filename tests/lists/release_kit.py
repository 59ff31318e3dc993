"""Helpers of the release tests: a hub key, a copy of data/, releases built from it."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from torturefree.exchange.keys import SigningKey
from torturefree.exchange.publickey import PublicKey, encode_public
from torturefree.lists.release_archive import ReleaseFile, read_archive, write_archive
from torturefree.lists.release_build import build_release
from torturefree.paths import builtin_data_dir

FUTURE = dt.date(2027, 3, 1)
FUTURE_CODE = "9506 91 10"  # gymnastics apparatus: on no list today
FUTURE_ENTRY = "eu-2019-125/test-future-restraint-frames"
FUTURE_YAML = f"""instrument: eu-2019-125
versions:
- valid_from: {FUTURE.isoformat()}
  annex: III
  item: '9.1'
  category: torture_capable
  title: Restraint frames (a test entry)
  cn_codes:
  - {{code: {FUTURE_CODE}}}
  citation:
    title: Test decision of the expert mechanism, item 9.1
terms:
  en: [restraint frame]
"""


@dataclass(frozen=True)
class Hub:
    signer: SigningKey
    public: PublicKey


def hub_key(key_id: str = "HUB-2026-1") -> Hub:
    private = Ed25519PrivateKey.generate()
    public = PublicKey(key_id, encode_public(private.public_key()), dt.date(2026, 1, 1))
    return Hub(SigningKey(public, private), public)


def data_copy(tmp_path: Path, name: str = "data") -> Path:
    root = tmp_path / name
    shutil.copytree(builtin_data_dir(), root)
    return root


def add_future_entry(root: Path) -> None:
    (root / "lists" / "eu-2019-125" / "test-future-restraint-frames.yaml").write_text(
        FUTURE_YAML, encoding="utf-8"
    )


def release(
    root: Path,
    hub: Hub,
    out: Path,
    previous: ReleaseFile | None = None,
    issued_at: dt.datetime | None = None,
) -> ReleaseFile:
    """Build, sign and write a release; returns it as read back from the file."""
    built = build_release(root, hub.signer, hub.public.public_key, previous, issued_at=issued_at)
    write_archive(out, built.header, built.files)
    return read_archive(out)


def export_of(code: str, day: dt.date) -> dict[str, object]:
    return {
        "jurisdiction": "EU",
        "date": day.isoformat(),
        "activity": "export",
        "origin": "DE",
        "destination": "US",
        "goods": [{"hs_code": code}],
    }


def n_and_next(folder: Path, hub: Hub, issued: dt.datetime) -> tuple[ReleaseFile, ReleaseFile]:
    """folder/n.tar: release N of today's data; folder/n1.tar: N+1 adding FUTURE_ENTRY."""
    root = data_copy(folder)
    n = release(root, hub, folder / "n.tar", issued_at=issued)
    add_future_entry(root)
    n1 = release(root, hub, folder / "n1.tar", n, issued_at=issued + dt.timedelta(hours=1))
    return n, n1
