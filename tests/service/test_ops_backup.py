"""`torturefree backup create` then `restore` into an empty home gives back the same state."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent / "torturefree"


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "TORTUREFREE", "DJANGO"))
    }
    return env | {
        "TORTUREFREE_HOME": str(home),
        "TORTUREFREE_LEDGER_URL": str(home / "ledger.sqlite3"),
    }


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args], env=_env(home), capture_output=True, text=True, timeout=300
    )


def test_a_backup_restores_database_ledger_uploads_and_keys(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    done = _run(old, "backup", "create", "--out", str(tmp_path / "b.tar.gz"))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(old / "records.sqlite3") as db:  # a change made after migrating
        db.execute("INSERT INTO jobs_job (id, kind, params, state, step, steps, step_note, "
                   "result_name, result_type, outcome, error, error_field, created_at, "
                   "claimed_by, attempts) VALUES ('0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f', 'annual_report', "
                   "'{}', 'done', 0, 0, '', '', '', '{}', '', '', '2026-01-01', '', 1)")  # fmt: skip
    (old / "uploads").mkdir()
    (old / "uploads" / "licence.pdf").write_bytes(b"%PDF-1.7 test")
    (old / "keys").mkdir()
    (old / "keys" / "node.key").write_text("secret")
    archive = tmp_path / "backup.tar.gz"
    made = _run(old, "backup", "create", "--out", str(archive))
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["members"] >= 3
    restored = _run(new, "backup", "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(new / "records.sqlite3") as db:
        assert db.execute("SELECT state FROM jobs_job").fetchall() == [("done",)]
    assert (new / "uploads" / "licence.pdf").read_bytes() == b"%PDF-1.7 test"
    assert (new / "keys" / "node.key").read_text() == "secret"
    again = _run(new, "backup", "restore", str(archive))  # a database is there: refused
    assert again.returncode == 2 and "--force" in again.stderr
    assert _run(new, "backup", "restore", str(archive), "--force").returncode == 0
