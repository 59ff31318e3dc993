"""List releases: build, verify, refuse what fails (naming the check), load, keep what was loaded."""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
from pathlib import Path

import pytest
from tests.lists.release_kit import (
    FUTURE,
    FUTURE_ENTRY,
    Hub,
    hub_key,
    n_and_next,
)

from torturefree.lists import load_catalogue
from torturefree.lists.release_archive import read_archive, write_archive
from torturefree.lists.release_errors import ReleaseRefused
from torturefree.lists.release_store import ReleaseStore
from torturefree.lists.release_verify import verify_release
from torturefree.paths import builtin_data_dir

ISSUED = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def hub() -> Hub:
    return hub_key()


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory, hub: Hub) -> tuple[Path, Path]:
    """Release N of data/ as shipped, and N+1 adding an entry from FUTURE."""
    folder = tmp_path_factory.mktemp("releases")
    n_and_next(folder, hub, ISSUED)
    return folder / "n.tar", folder / "n1.tar"


def test_the_release_id_is_the_data_release_of_todays_data(two_releases: tuple[Path, Path]) -> None:
    first = read_archive(two_releases[0])
    assert first.release == load_catalogue(builtin_data_dir()).release
    assert first.manifest["sequence"] == 1 and first.manifest["previous"] is None
    assert "demo/transactions.jsonl" not in first.files
    assert "countries/countries.csv" in first.files


def test_a_release_verifies_and_its_changelog_names_the_new_entry(
    two_releases: tuple[Path, Path], hub: Hub
) -> None:
    second = read_archive(two_releases[1])
    verify_release(second, hub.public)
    log = second.manifest["changelog"]
    assert second.manifest["previous"] == read_archive(two_releases[0]).release
    assert second.manifest["sequence"] == 2
    assert [(e["date"], e["entry"], e["kind"]) for e in log["entries"]] == [
        (FUTURE.isoformat(), FUTURE_ENTRY, "added")
    ]
    assert log["files"] == [
        {"path": "lists/eu-2019-125/test-future-restraint-frames.yaml", "kind": "added"}
    ]
    assert any(FUTURE_ENTRY in line and "From 2027-03-01" in line for line in log["text"])


def _tampered(
    source: Path, out: Path, change_file: bool = False, header: dict | None = None
) -> Path:
    original = read_archive(source)
    files = dict(original.files)
    if change_file:
        path = "profiles/EU.yaml"
        data = bytearray(files[path])
        data[10] ^= 1  # one changed byte
        files[path] = bytes(data)
    write_archive(out, header or original.header, files)
    return out


def _header(source: Path) -> dict:
    return json.loads(json.dumps(read_archive(source).header))


def _refusals(tmp_path: Path, source: Path, hub: Hub) -> dict[str, Path]:
    wrong_sig = _header(source)
    wrong_sig["manifest"]["title"] = "altered after signing"
    schema = _header(source)
    schema["manifest"]["sequence"] = "two"
    return {
        "file_hash": _tampered(source, tmp_path / "byte.tar", change_file=True),
        "signature": _tampered(source, tmp_path / "sig.tar", header=wrong_sig),
        "schema": _tampered(source, tmp_path / "schema.tar", header=schema),
    }


@pytest.mark.parametrize("check", ["file_hash", "signature", "schema"])
def test_a_bad_release_is_refused_naming_the_check(
    tmp_path: Path, two_releases: tuple[Path, Path], hub: Hub, check: str
) -> None:
    bad = _refusals(tmp_path, two_releases[1], hub)[check]
    store = ReleaseStore(tmp_path / "home")
    store.load(two_releases[0], hub.public)
    with pytest.raises(ReleaseRefused) as refused:
        store.load(bad, hub.public)
    assert refused.value.check == check
    assert f"refused ({check})" in refused.value.message
    if check == "file_hash":
        assert refused.value.field == "profiles/EU.yaml"
    current = store.current()
    assert current is not None and current.release == read_archive(two_releases[0]).release
    assert len(store.loaded()) == 1


def test_a_release_signed_by_another_key_is_refused(
    tmp_path: Path, two_releases: tuple[Path, Path]
) -> None:
    with pytest.raises(ReleaseRefused) as refused:
        verify_release(read_archive(two_releases[0]), hub_key().public)
    assert refused.value.check == "signature"


def test_an_older_release_is_refused_and_the_newer_kept(
    tmp_path: Path, two_releases: tuple[Path, Path], hub: Hub
) -> None:
    store = ReleaseStore(tmp_path / "home")
    store.load(two_releases[1], hub.public)
    with pytest.raises(ReleaseRefused) as refused:
        store.load(two_releases[0], hub.public)
    assert refused.value.check == "older"
    assert "not newer than the loaded" in refused.value.message
    current = store.current()
    assert current is not None and current.release == read_archive(two_releases[1]).release


def test_a_not_a_tar_file_is_refused(tmp_path: Path, hub: Hub) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar")
    with pytest.raises(ReleaseRefused) as refused:
        ReleaseStore(tmp_path / "home").load(junk, hub.public)
    assert refused.value.check == "archive"


def test_an_extra_member_is_refused(
    tmp_path: Path, two_releases: tuple[Path, Path], hub: Hub
) -> None:
    out = tmp_path / "extra.tar"
    out.write_bytes(two_releases[0].read_bytes())
    with tarfile.open(out, "a") as tar:
        info = tarfile.TarInfo("data/rules/extra.yaml")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"{}"))
    with pytest.raises(ReleaseRefused) as refused:
        verify_release(read_archive(out), hub.public)
    assert refused.value.check == "files"


def test_loading_twice_is_a_no_op_and_every_release_is_kept(
    tmp_path: Path, two_releases: tuple[Path, Path], hub: Hub
) -> None:
    store = ReleaseStore(tmp_path / "home")
    assert store.load(two_releases[0], hub.public)[1] is True
    assert store.load(two_releases[0], hub.public)[1] is False
    store.load(two_releases[1], hub.public)
    assert [r.sequence for r in store.loaded()] == [1, 2]
    for row in store.loaded():
        assert load_catalogue(store.data_path(row.release)).release == row.release
