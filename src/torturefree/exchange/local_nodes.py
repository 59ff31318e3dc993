"""Nodes on loopback: the pieces `torturefree exchange demo`, the multi-node tests and the
exchange benchmark share (one copy, so the demo runs what the tests check).

A node here is a home folder (keys, directory, SQLite database unless DATABASE_URL says
otherwise) and the `torturefree` processes started with `node_env(...)`; officers act over its
/api/v1 with `api_call`, and callers wait for the state they need with `poll`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from torturefree.exchange.directory import directory_document, sign_directory
from torturefree.exchange.node import Node, NodeSettings

# What a node answers once it serves (the health check of the demo and the tests).
HEALTH_PATH = "/api/v1/openapi.json"
# Variables of the caller's shell that would point a node at another database or home.
NOT_INHERITED = {
    "DATABASE_URL",
    "TORTUREFREE_LEDGER_URL",
    "TORTUREFREE_HOME",
    "TORTUREFREE_STATE",
    "TORTUREFREE_JURISDICTION",
    "DJANGO_SETTINGS_MODULE",
}


def node_env(
    home: Path, state: str, profile: str, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment of a node's processes: its home, state and profile, nothing of the
    caller's database; `extra` last (DATABASE_URL, delivery settings)."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(
        TORTUREFREE_HOME=str(home),
        TORTUREFREE_STATE=state,
        TORTUREFREE_JURISDICTION=profile,
        DJANGO_SETTINGS_MODULE="torturefree_service.settings",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


def join(home: Path, state: str, url: str, profile: str, name: str, email: str) -> Node:
    """Make the node's key pair and settings (`exchange init`), with its office contact."""
    node = Node(home)
    node.init(
        NodeSettings(
            state=state,
            url=url,
            name=name,
            profile=profile,
            contact={"office": f"Export control {state}", "email": email},
        )
    )
    return node


def publish_directory(hub: Node, homes: Iterable[Path], version: int, out: Path) -> bytes:
    """Sign a directory of the hub and every node with the hub's key, write it to `out` and
    load it into each node (as the hub's publication would)."""
    members = [Node(home) for home in homes]
    entries = [hub.entry(), *(member.entry() for member in members)]
    signed = sign_directory(directory_document(version, entries), hub.signing_key())
    out.write_bytes(signed)
    hub_key = hub.signing_key().public.public_key
    for member in members:
        member.directories.load(signed, hub_key)
    return signed


def answers(url: str, timeout: float = 2.0) -> bool:
    """The node at `url` serves its API."""
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=timeout) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def api_call(url: str, token: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """One officer's request to a node's /api/v1 (bearer token): the status and JSON answer."""
    request = urllib.request.Request(
        f"{url}/api/v1{path}",
        data=None if method == "GET" else json.dumps({} if body is None else body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return int(answer.status), json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return int(error.code), json.loads(error.read() or b"null")


def poll(check: Callable[[], Any], timeout: float, interval: float = 0.5) -> Any:
    """What `check` gives once it is true, polled until `timeout` seconds; None if never (the
    caller says what it waited for). Delivery between nodes is their workers': a caller waits
    for the state it needs, never for a fixed time."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


def run_python(
    env: Mapping[str, str], script: str, *args: str, timeout: float = 120.0
) -> subprocess.CompletedProcess[str]:
    """Run a Python script in a node's environment (Django set up by the script itself)."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def terminate(process: subprocess.Popen[bytes] | None, grace: float) -> None:
    """SIGTERM (serve ends its queue worker and finishes requests in flight), SIGKILL after
    `grace` seconds."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
