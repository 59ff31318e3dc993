"""`torturefree backup create|restore`: the database, the ledger, uploads and keys in one file.

SQLite files are copied with SQLite's online backup (a consistent copy while the service runs);
PostgreSQL is dumped with pg_dump (custom format) and restored with pg_restore. A manifest holds
the SHA-256 of every member, checked before anything is restored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

FOLDERS = ("uploads", "keys")


def _sqlite_copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _pg_args() -> list[str]:
    db: dict[str, Any] = settings.DATABASES["default"]
    args = ["-h", str(db["HOST"] or "127.0.0.1"), "-U", str(db["USER"] or "postgres")]
    return args + (["-p", str(db["PORT"])] if db["PORT"] else [])


def _ledger_file() -> Path | None:
    url = settings.TORTUREFREE_LEDGER_URL
    return Path(url) if url and "://" not in url else None


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backup_create(out: Path) -> dict[str, Any]:
    home = Path(settings.HOME)
    db: dict[str, Any] = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as folder:
        stage = Path(folder)
        if db["ENGINE"].endswith("sqlite3"):
            _sqlite_copy(Path(db["NAME"]), stage / "database.sqlite3")
        else:
            dump = ["pg_dump", "-Fc", *_pg_args(), "-f", str(stage / "database.pgdump"), db["NAME"]]
            subprocess.run(dump, check=True)  # noqa: S603 (pg_dump, arguments from settings)
        ledger = _ledger_file()
        if ledger is not None and ledger.exists():
            _sqlite_copy(ledger, stage / "ledger.sqlite3")
        for name in FOLDERS:
            if (home / name).is_dir():
                shutil.copytree(home / name, stage / name)
        files = sorted(p for p in stage.rglob("*") if p.is_file())
        manifest: dict[str, Any] = {
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "engine": db["ENGINE"],
            "files": {str(p.relative_to(stage)): _sha(p) for p in files},
        }
        (stage / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(stage, arcname="backup")
        partial.replace(out)  # a half-written backup never carries the final name
    return {"file": str(out), "members": len(manifest["files"]), "engine": db["ENGINE"]}


def backup_restore(archive_path: Path, *, force: bool = False) -> dict[str, Any]:
    home = Path(settings.HOME)
    db: dict[str, Any] = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(folder, filter="data")
        stage = Path(folder) / "backup"
        manifest = json.loads((stage / "manifest.json").read_text(encoding="utf-8"))
        bad = [name for name, sha in manifest["files"].items() if _sha(stage / name) != sha]
        if bad:
            raise ValueError(f"backup damaged: {', '.join(bad)} do not match the manifest")
        if manifest["engine"] != db["ENGINE"]:
            raise ValueError(f"backup is of {manifest['engine']}, this service uses {db['ENGINE']}")
        if db["ENGINE"].endswith("sqlite3"):
            target = Path(db["NAME"])
            if target.exists() and not force:
                raise ValueError(f"{target} exists: stop the service and restore with --force")
            _sqlite_copy(stage / "database.sqlite3", target)
        else:
            restore = ["pg_restore", "--clean", "--if-exists", "--no-owner", *_pg_args()]
            subprocess.run([*restore, "-d", db["NAME"], str(stage / "database.pgdump")], check=True)  # noqa: S603 (pg_restore)
        ledger = _ledger_file()
        if ledger is not None and (stage / "ledger.sqlite3").exists():
            _sqlite_copy(stage / "ledger.sqlite3", ledger)
        for name in FOLDERS:
            if (stage / name).is_dir():
                shutil.copytree(stage / name, home / name, dirs_exist_ok=True)
    return {"restored": str(archive_path), "members": len(manifest["files"])}
