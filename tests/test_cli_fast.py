"""`torturefree screen` and `watchlist` start without importing the other command groups or FtM."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from torturefree.cli.main import FAST_COMMANDS, fast_app, full_app

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests/screening/fixtures/ofac_v1"
PROBE = """
import atexit, sys
atexit.register(lambda: print(sorted(m for m in ("followthemoney", "torturefree.exchange",
    "torturefree.records", "torturefree.rules") if m in sys.modules), file=sys.stderr))
sys.argv = ["torturefree", *sys.argv[1:]]
from torturefree.cli.main import run
run()
"""


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_each_fast_command_is_the_one_its_module_registers_in_the_full_app() -> None:
    full = {c.name for c in full_app().registered_commands} | {
        g.name for g in full_app().registered_groups
    }
    for name in FAST_COMMANDS:
        app = fast_app(name)
        assert app is not None and name in full
        names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
        assert name in names
    assert fast_app("determine") is None


def test_a_screen_run_imports_neither_ftm_nor_other_command_groups(tmp_path: Path) -> None:
    home = ["--home", str(tmp_path)]
    imported = _run(
        "watchlist", "import", "--format", "ofac-sdn", "--name", "sdn", str(FIXTURE), *home
    )
    assert imported.returncode == 0, imported.stderr
    assert "followthemoney" in imported.stderr, "reading a source file builds FtM entities"
    first = _run("screen", "-", *home, stdin='{"name": "SALEK, ABDULHAI"}\n')  # builds the index
    again = _run("screen", "-", *home, stdin='{"name": "SALEK, ABDULHAI"}\n')  # reads it
    assert first.returncode == 0 and again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["matches"] == json.loads(first.stdout)["matches"] != []
    assert again.stderr.strip().splitlines()[-1] == "[]", again.stderr


def test_help_and_other_commands_get_the_whole_app() -> None:
    result = _run("--help")
    assert result.returncode == 0 and "determine" in result.stdout and "screen" in result.stdout
