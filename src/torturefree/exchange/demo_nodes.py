"""The nodes of `torturefree exchange demo`: real `torturefree serve` processes on loopback.

Each node gets its own home folder (so its own SQLite database and keys), a port from
--base-port up, its Ed25519 key pair (`Node.init`), and the directory of all of them signed by a
demo hub key made for the run. Officers act through each node's /api/v1 with bearer tokens made
for the run (`torturefree_service.exchange.demo_logins`). `stop()` ends every process started.
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from torturefree.errors import InputError
from torturefree.exchange.local_nodes import (
    answers,
    api_call,
    join,
    node_env,
    poll,
    publish_directory,
    terminate,
)
from torturefree.exchange.node import Node, NodeSettings

# The demo's cast (a demo fixture, not law): the state, the jurisdiction profile it applies.
CAST = (("FR", "EU"), ("DE", "EU"), ("KE", "UN-A"))
ROLES = ("trader", "caseworker", "senior")


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
        return node_env(self.home, self.state, self.profile)

    def start(self) -> None:
        command = [sys.executable, "-m", "torturefree.cli.main", "serve"]
        options = ["--host", "127.0.0.1", "--port", str(self.port), "--workers", "1"]
        with (self.home / "serve.log").open("ab") as log:
            self.process = subprocess.Popen(
                [*command, *options], env=self.env(), stdout=log, stderr=subprocess.STDOUT
            )

    def wait_ready(self, timeout: float) -> None:
        def ready() -> bool:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.state}'s server exited; see {self.home / 'serve.log'}")
            return answers(self.url)

        if not poll(ready, timeout, interval=0.3):
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
        return api_call(self.url, self.tokens[role], method, path, body)

    def stop(self, grace: float = 20.0) -> None:
        process, self.process = self.process, None
        terminate(process, grace)


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
        name = f"Licensing authority of {state} (demo)"
        join(node.home, state, node.url, profile, name, f"exchange@{state}.demo")
        nodes[state] = node
    hub = Node(root / "hub")
    hub.init(NodeSettings(state="HUB", url="http://127.0.0.1:9", name="Demo hub", profile="UN-B"))
    publish_directory(hub, [n.home for n in nodes.values()], 1, root / "directory.json")
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
