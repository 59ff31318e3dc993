"""`torturefree exchange demo` walks the three-node story on real servers and stops them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TORTUREFREE = str(Path(sys.executable).with_name("torturefree"))


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _three_free_ports() -> int:
    """The first of three consecutive free ports, from the end of TORTUREFREE_TEST_PORTS."""
    first, _, last = os.environ.get("TORTUREFREE_TEST_PORTS", "18400-18499").partition("-")
    for base in range(int(last) - 2, int(first) - 1, -3):
        if all(_free(base + offset) for offset in range(3)):
            return base
    raise RuntimeError("no three consecutive free ports")


def test_the_demo_prints_each_step_of_the_story_and_stops_its_nodes(tmp_path: Path) -> None:
    base = _three_free_ports()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TORTUREFREE_HOME"}}
    done = subprocess.run(
        [TORTUREFREE, "exchange", "demo", "--base-port", str(base), "--root", str(tmp_path / "d")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for expected in (
        f"FR (EU) serves on http://127.0.0.1:{base}",
        f"KE (UN-A) serves on http://127.0.0.1:{base + 2}",
        "KE received the notice from FR",
        "KE objects: The end user has no crowd-control unit",
        "FR's case shows KE's objection; hold: blocked_pre_export_objection",
        "refused: blocked_pre_export_objection",
        "DE received FR's denial TF-",
        "is blocked: blocked_denial_consultation",
        "DE consults FR through the exchange",
        "FR replies to DE: maintains its denial",
        "DE's case shows FR's reply",
        "FR sees DE's grant notice: licence LIC-",
        "the story is complete",
        "nodes stopped",
    ):
        assert expected in out, (expected, out)
    # Each node has its own database and keys; no server is left listening.
    for state in ("fr", "de", "ke"):
        assert (tmp_path / "d" / state / "keys").is_dir()
        assert (tmp_path / "d" / state / "records.sqlite3").is_file()
    assert not any(_listening(base + offset) for offset in range(3))


def test_the_demo_refuses_a_port_in_use() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        done = subprocess.run(
            [TORTUREFREE, "exchange", "demo", "--base-port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--base-port" in done.stderr and f"port {port} is in use" in done.stderr
