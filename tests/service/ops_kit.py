"""Starting real service processes in tests: a free port, a process group, a wait for an URL."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """In a session of its own, so the test can signal the process and all its children."""
    return subprocess.Popen(command, env=env, start_new_session=True)


def wait_for(url: str, accept: tuple[int, ...] = (200,), seconds: float = 90) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                status = int(answer.status)
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            time.sleep(0.2)
            continue
        if status in accept:
            return status
    raise AssertionError(f"{url} did not answer within {seconds} s")
