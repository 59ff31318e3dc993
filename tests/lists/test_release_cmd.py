"""`torturefree lists release …`: build, verify, load, list, diff and changes from the command line;
a refusal exits 2 naming the check, and the node keeps what it had."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from tests.lists.release_kit import FUTURE, FUTURE_ENTRY, add_future_entry, data_copy
from typer.testing import CliRunner

from torturefree.cli.main import app
from torturefree.exchange.keys import Keyring

runner = CliRunner()


def _pem_pair(folder: Path, name: str) -> tuple[Path, Path]:
    key = Ed25519PrivateKey.generate()
    private, public = folder / f"{name}.pem", folder / f"{name}.pub.pem"
    private.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    public.write_bytes(
        key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    return private, public


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cli")
    private, public = _pem_pair(folder, "hub")
    _, other = _pem_pair(folder, "other")
    root = data_copy(folder)
    code, _, err = _run(
        "lists",
        "release",
        "build",
        "--out",
        str(folder / "n.tar"),
        "--key",
        str(private),
        "--data",
        str(root),
    )
    assert code == 0, err
    add_future_entry(root)
    code, _, err = _run(
        "lists",
        "release",
        "build",
        "--out",
        str(folder / "n1.tar"),
        "--key",
        str(private),
        "--previous",
        str(folder / "n.tar"),
        "--data",
        str(root),
    )
    assert code == 0, err
    return {
        "n": folder / "n.tar",
        "n1": folder / "n1.tar",
        "public": public,
        "other": other,
        "folder": folder,
    }


def test_verify_load_list_diff_and_changes(
    built: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TORTUREFREE_DATA", raising=False)
    monkeypatch.delenv("TORTUREFREE_RELEASE", raising=False)
    home = str(tmp_path / "home")
    code, out, _ = _run(
        "lists", "release", "verify", str(built["n1"]), "--key", str(built["public"])
    )
    assert code == 0 and json.loads(out)["verified"] is True
    for name in ("n", "n1"):
        code, out, err = _run(
            "lists",
            "release",
            "load",
            str(built[name]),
            "--key",
            str(built["public"]),
            "--home",
            home,
        )
        assert code == 0, err
    listed = json.loads(_run("lists", "release", "list", "--home", home)[1])
    assert [r["sequence"] for r in listed["releases"]] == [1, 2]
    assert listed["current"] == listed["releases"][1]["release"]
    diff = json.loads(
        _run("lists", "release", "diff", str(built["n"]), str(built["n1"]), "--home", home)[1]
    )
    assert diff["summary"] == {"added": 1, "removed": 0, "changed": 0}
    assert (
        diff["changes"][0]["entry"] == FUTURE_ENTRY
        and diff["changes"][0]["date"] == FUTURE.isoformat()
    )
    same = json.loads(
        _run("lists", "release", "diff", str(built["n1"]), listed["current"], "--home", home)[1]
    )
    assert same["changes"] == [] and same["files"] == []
    feed = json.loads(
        _run("lists", "release", "changes", "--on", FUTURE.isoformat(), "--home", home)[1]
    )
    assert [i["_torturefree"]["entry"] for i in feed["items"]] == [FUTURE_ENTRY]


def test_a_wrong_key_and_an_older_release_exit_2_naming_the_check(
    built: dict[str, Path], tmp_path: Path
) -> None:
    code, _, err = _run("lists", "release", "verify", str(built["n"]), "--key", str(built["other"]))
    assert code == 2 and "refused (signature)" in err
    home = str(tmp_path / "home")
    assert (
        _run(
            "lists",
            "release",
            "load",
            str(built["n1"]),
            "--key",
            str(built["public"]),
            "--home",
            home,
        )[0]
        == 0
    )
    code, _, err = _run(
        "lists", "release", "load", str(built["n"]), "--key", str(built["public"]), "--home", home
    )
    assert code == 2 and "refused (older)" in err
    listed = json.loads(_run("lists", "release", "list", "--home", home)[1])
    assert [r["sequence"] for r in listed["releases"]] == [2]


def test_build_signs_with_the_nodes_own_key_by_default(tmp_path: Path) -> None:
    home = tmp_path / "hub"
    public = Keyring(home).create("HUB", dt.date(2026, 1, 1), None)
    root = tmp_path / "data"
    root.mkdir()
    minimal = Path(__file__).parent / "fixtures" / "minimal"
    shutil.copytree(minimal, root, dirs_exist_ok=True)
    out = tmp_path / "r.tar"
    code, stdout, err = _run(
        "lists", "release", "build", "--out", str(out), "--data", str(root), "--home", str(home)
    )
    assert code == 0, err
    assert json.loads(stdout)["key_id"] == public.key_id
    spec = f"{public.key_id}:{public.public_key}"
    assert _run("lists", "release", "verify", str(out), "--key", spec)[0] == 0
