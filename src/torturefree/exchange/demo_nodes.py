"""The nodes of `torturefree exchange demo`: real `torturefree serve` processes on loopback.

Each node gets its own home folder (so its own SQLite database and keys), a port from
--base-port up, its Ed25519 key pair (`Node.init`), and the directory of all of them signed by a
demo hub key made for the run. Officers act through each node's /api/v1 with bearer tokens made
for the run (`torturefree_service.exchange.demo_logins`). `stop()` ends every process started.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.exchange.directory import directory_document, sign_directory
from torturefree.exchange.node import Node, NodeSettings

# The demo's cast (a demo fixture, not law): the state, the jurisdiction profile it applies.
CAST = (("FR", "EU"), ("DE", "EU"), ("KE", "UN-A"))
ROLES = ("trader", "caseworker", "senior")
# Variables of the caller's shell that would point a node at another database or home.
NOT_INHERITED = {
    "DATABASE_URL",
    "TORTUREFREE_LEDGER_URL",
    "TORTUREFREE_HOME",
    "TORTUREFREE_STATE",
    "TORTUREFREE_JURISDICTION",
    "DJANGO_SETTINGS_MODULE",
}


@dataclass
class DemoNode:
    """One state's node: home, port, server process and the run's tokens of its officers."""

    state: str
    profile: str
    home: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
        env.update(
            TORTUREFREE_HOME=str(self.home),
            TORTUREFREE_STATE=self.state,
            TORTUREFREE_JURISDICTION=self.profile,
            DJANGO_SETTINGS_MODULE="torturefree_service.settings",
            PYTHONUNBUFFERED="1",
        )
        return env

    def start(self) -> None:
        command = [sys.executable, "-m", "torturefree.cli.main", "serve"]
        options = ["--host", "127.0.0.1", "--port", str(self.port), "--workers", "1"]
        with (self.home / "serve.log").open("ab") as log:
            self.process = subprocess.Popen(
                [*command, *options], env=self.env(), stdout=log, stderr=subprocess.STDOUT
            )

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.state}'s server exited; see {self.home / 'serve.log'}")
            try:
                with urllib.request.urlopen(self.url + "/api/v1/openapi.json", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"{self.state} did not answer in {timeout:.0f}s")

    def make_logins(self) -> None:
        self.tokens = {role: f"tf_demo_{secrets.token_urlsafe(24)}" for role in ROLES}
        done = subprocess.run(
            [sys.executable, "-m", "torturefree_service.exchange.demo_logins", self.state],
            input=json.dumps(self.tokens),
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"logins at {self.state}: {done.stderr[-2000:]}")

    def call(self, role: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """One officer's request to this node's API: the status and the JSON answer."""
        request = urllib.request.Request(
            f"{self.url}/api/v1{path}",
            data=None if method == "GET" else json.dumps(body or {}).encode(),
            method=method,
            headers={
                "Authorization": f"Bearer {self.tokens[role]}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return int(answer.status), json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            return int(error.code), json.loads(error.read() or b"null")

    def stop(self, grace: float = 20.0) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)  # serve ends its queue worker too
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@dataclass
class DemoNetwork:
    """The three nodes by state, sharing one directory signed by the run's hub key."""

    root: Path
    nodes: dict[str, DemoNode]

    def __getitem__(self, state: str) -> DemoNode:
        return self.nodes[state]

    def stop(self) -> None:
        for node in self.nodes.values():
            node.stop()


def prepare_network(root: Path, base_port: int) -> DemoNetwork:
    """Homes, keys and the signed directory, loaded by every node (no process started yet)."""
    ports = [base_port + index for index in range(len(CAST))]
    for port in ports:
        _check_free(port)
    nodes: dict[str, DemoNode] = {}
    for (state, profile), port in zip(CAST, ports, strict=True):
        node = DemoNode(state, profile, root / state.lower(), port)
        node.home.mkdir(parents=True, exist_ok=True)
        Node(node.home).init(
            NodeSettings(
                state=state,
                url=node.url,
                name=f"Licensing authority of {state} (demo)",
                profile=profile,
                contact={"office": f"Export control {state}", "email": f"exchange@{state}.demo"},
            )
        )
        nodes[state] = node
    hub = Node(root / "hub")
    hub.init(NodeSettings(state="HUB", url="http://127.0.0.1:9", name="Demo hub", profile="UN-B"))
    entries = [hub.entry(), *(Node(n.home).entry() for n in nodes.values())]
    signed = sign_directory(directory_document(1, entries), hub.signing_key())
    (root / "directory.json").write_bytes(signed)
    hub_key = hub.signing_key().public.public_key
    for node in nodes.values():
        Node(node.home).directories.load(signed, hub_key)
    return DemoNetwork(root, nodes)


def _check_free(port: int) -> None:
    if not 1024 <= port <= 65535:
        raise InputError(f"port {port} is out of 1024-65535", field="--base-port")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed run's TIME_WAIT
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise InputError(f"port {port} is in use", field="--base-port") from None
