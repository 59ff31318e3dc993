"""Real nodes for tests: N `torturefree serve` processes on loopback, each with its own home,
database and keys, sharing one hub-signed directory.

    network = start_network(tmp_path, ["FR", "DE", "KE"])      # or the `exchange_network` fixture
    network["KE"].url, network["KE"].node.directory(), network["FR"].run("exchange", "outbox")
    network["KE"].stop(); network["KE"].start()                 # a peer down for a while
    network["FR"].kill9()                                       # a crash in the middle of sending
    status, answer = network["KE"].post(network["FR"].message("KE", "pre_export_notice", body).raw)
    network.stop()                                              # SIGTERM, then kill, every process

Each node gets a free loopback port, `TORTUREFREE_HOME`, `TORTUREFREE_STATE`,
`TORTUREFREE_JURISDICTION` and either its own SQLite file (default) or its own PostgreSQL database
(`database="postgres"`, dropped at the end). Keys are made and the directory signed and loaded
before the servers start, so they boot as members of the exchange. `spawn(...)` starts any other
long-running command of a node (a delivery worker) that `stop()` ends with the server.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from torturefree.exchange import Node, NodeSettings, SignedMessage, new_envelope, sign
from torturefree.exchange.local_nodes import (
    answers,
    join,
    node_env,
    publish_directory,
    run_python,
    terminate,
)

TORTUREFREE = str(Path(sys.executable).with_name("torturefree"))
# The profile each test state applies (test data: a real deployment says so in `exchange init`).
PROFILES = {"FR": "EU", "DE": "EU", "KE": "UN-A", "GH": "UN-A+DP", "CL": "UN-B"}
POSTGRES = "postgresql://postgres@127.0.0.1:5432/"
# Each test database is named <prefix><state>_<random> and dropped when the network stops.
DATABASE_PREFIX = os.environ.get("TORTUREFREE_TEST_DB_PREFIX", "exch_")


def free_port() -> int:
    """A loopback port nobody listens on now: the first free one of TORTUREFREE_TEST_PORTS
    ("18100-18199", for machines where each user has a range), else the kernel's pick."""
    first, _, last = os.environ.get("TORTUREFREE_TEST_PORTS", "").partition("-")
    candidates = range(int(first), int(last) + 1) if first and last else [0]
    for port in candidates:
        if port in _TAKEN:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            chosen = int(probe.getsockname()[1])
            _TAKEN.add(chosen)
            return chosen
    raise RuntimeError("no free port in TORTUREFREE_TEST_PORTS")


# Ports handed out in this test run: a node not started yet has not bound its port.
_TAKEN: set[int] = set()


@dataclass
class NodeProcess:
    """One node: its state folder, its port, its server process and any worker it runs."""

    state: str
    home: Path
    port: int
    profile: str
    database_url: str | None = None
    process: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    # More environment for this node's processes (e.g. TORTUREFREE_EXCHANGE_DELIVERY=manual).
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def inbox_url(self) -> str:
        return f"{self.url}/exchange/v1/inbox"

    @property
    def node(self) -> Node:
        return Node(self.home)

    @property
    def log(self) -> Path:
        return self.home / "serve.log"

    def env(self) -> dict[str, str]:
        # A test process's own database and ledger (tests/service/conftest.py) are not the node's.
        database = {"DATABASE_URL": self.database_url} if self.database_url else {}
        return node_env(self.home, self.state, self.profile, {**database, **self.extra_env})

    def start(self, timeout: float = 120.0) -> None:
        """Start `torturefree serve` and wait until it answers (it migrates its database first)."""
        if self.process is not None and self.process.poll() is None:
            return
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [TORTUREFREE, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.state} exited before answering:\n{self.log_tail()}")
            if self.healthy():
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.state} did not answer in {timeout}s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        return answers(self.url)

    def post(self, raw: bytes, timeout: float = 10.0) -> tuple[int, bytes]:
        """POST bytes to this node's inbox as a peer would; the status and the answer's bytes."""
        request = urllib.request.Request(
            self.inbox_url, data=raw, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return int(answer.status), bytes(answer.read())
        except urllib.error.HTTPError as error:
            return int(error.code), bytes(error.read())

    def message(
        self, to: str, type: str, body: Mapping[str, object], **envelope: object
    ) -> SignedMessage:
        """A message signed with this node's current key (for forged and replayed tests)."""
        key = self.node.signing_key()
        built = new_envelope(
            type=type,
            sender=self.state,
            recipient=to,
            key_id=key.key_id,
            body=body,
            **envelope,  # type: ignore[arg-type]
        )
        return sign(built, key)

    def run(self, *args: str, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
        """Run one `torturefree` command as this node (its home, database and state)."""
        return subprocess.run(
            [TORTUREFREE, *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def python(self, script: str, *args: str, timeout: float = 120.0) -> str:
        """Run a Python script as this node (it sets Django up itself); what it printed."""
        done = run_python(self.env(), script, *args, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"a script at {self.state} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def spawn(self, *args: str) -> subprocess.Popen[bytes]:
        """Start a long-running `torturefree` command as this node; stop() ends it."""
        with (self.home / f"{args[0]}-{len(self.workers)}.log").open("ab") as log:
            worker = subprocess.Popen(
                [TORTUREFREE, *args], env=self.env(), stdout=log, stderr=subprocess.STDOUT
            )
        self.workers.append(worker)
        return worker

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM the server and workers, then SIGKILL what is still running after `grace`."""
        for process in [*self.workers, self.process]:
            terminate(process, grace)
        self.workers.clear()
        self.process = None

    def kill9(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would: nothing gets to clean up."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def log_tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return "(no log)"
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Network:
    """The nodes by state, the hub's node (keys only, no server) and the directory's version."""

    root: Path
    nodes: dict[str, NodeProcess]
    hub: Node
    version: int = 0
    databases: list[str] = field(default_factory=list)

    def __getitem__(self, state: str) -> NodeProcess:
        return self.nodes[state]

    @property
    def hub_key(self) -> str:
        return self.hub.signing_key().public.public_key

    def publish_directory(self) -> Path:
        """Sign a directory of the hub and every node (a new version) and load it into each."""
        self.version += 1
        path = self.root / f"directory-{self.version}.json"
        publish_directory(self.hub, [n.home for n in self.nodes.values()], self.version, path)
        return path

    def start(self) -> None:
        for member in self.nodes.values():
            member.start()

    def stop(self) -> None:
        for member in self.nodes.values():
            with suppress(Exception):
                member.stop()
        for name in self.databases:
            with suppress(Exception):
                _drop_database(name)
        self.databases.clear()


def start_network(
    root: Path,
    states: Sequence[str],
    *,
    database: str = "sqlite",
    profiles: Mapping[str, str] | None = None,
    start: bool = True,
    env: Mapping[str, str] | None = None,
) -> Network:
    """Make the nodes' keys, sign and load a directory of them, and start their servers."""
    chosen = {**PROFILES, **(profiles or {})}
    hub = Node(root / "hub")
    hub.init(NodeSettings(state="HUB", url="http://127.0.0.1:9", name="Hub", profile="UN-B"))
    network = Network(root, {}, hub)
    try:
        for state in states:
            member = NodeProcess(
                state, root / state.lower(), free_port(), chosen.get(state, "UN-A")
            )
            member.extra_env.update(env or {})
            if database == "postgres":
                member.database_url = _create_database(f"{DATABASE_PREFIX}{state.lower()}")
                network.databases.append(member.database_url.rsplit("/", 1)[1])
            name, email = f"Licensing authority of {state}", f"exchange@{state.lower()}.example"
            join(member.home, state, member.url, member.profile, name, email)
            network.nodes[state] = member
        network.publish_directory()
        if start:
            network.start()
    except BaseException:
        network.stop()
        raise
    return network


@contextmanager
def running_network(root: Path, states: Sequence[str], **options: object) -> Iterator[Network]:
    network = start_network(root, states, **options)  # type: ignore[arg-type]
    try:
        yield network
    finally:
        network.stop()


@pytest.fixture
def exchange_network(tmp_path: Path) -> Iterator[Callable[..., Network]]:
    """A factory of running networks (`exchange_network("FR", "KE")`), all stopped at the end.

    Import it where it is needed: `from tests.exchange.nodes import exchange_network`.
    """
    started: list[Network] = []

    def make(*states: str, **options: object) -> Network:
        root = tmp_path / f"network-{len(started)}"
        root.mkdir()
        network = start_network(root, states, **options)  # type: ignore[arg-type]
        started.append(network)
        return network

    yield make
    for network in started:
        network.stop()


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES + "postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def _create_database(prefix: str) -> str:
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES + name


def _drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
