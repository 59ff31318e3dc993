"""A real hub for tests: `torturefree serve --role hub` on loopback with its own home and
SQLite file, participants added and the directory published through the `torturefree hub`
commands, and states' homes made with `torturefree exchange init`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from torturefree.exchange import Node, SignedMessage, new_envelope, sign

TORTUREFREE = str(Path(sys.executable).with_name("torturefree"))


def _ports() -> range:
    """TORTUREFREE_TEST_PORTS ("18300-18399": this area's range on a shared machine), else a
    default range."""
    first, _, last = os.environ.get("TORTUREFREE_TEST_PORTS", "").partition("-")
    return range(int(first), int(last) + 1) if first and last else range(18210, 18299)


PORTS = _ports()
DROPPED = {"DATABASE_URL", "TORTUREFREE_LEDGER_URL", "TORTUREFREE_HOME", "DJANGO_SETTINGS_MODULE"}


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env["TORTUREFREE_HOME"] = str(home)
    return env


def run(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    # `register verify` is offline: it has no --home (it needs no hub and no database).
    offline = args[:2] == ("register", "verify")
    done = subprocess.run(
        [TORTUREFREE, *args, *([] if offline else ["--home", str(home)])],
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{args} exited {done.returncode}: {done.stderr}")
    return done


def port_for(offset: int) -> int:
    """A port of this area's range, one per pytest-xdist worker and offset."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return PORTS[(int(worker or 0) * 10 + offset) % len(PORTS)]


@dataclass
class Hub:
    home: Path
    port: int
    states: dict[str, Path] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def key(self) -> str:
        return Node(self.home).entry().keys[0].public_key

    def join(self, state: str, *options: str, url: str = "") -> dict[str, Any]:
        """A state's home with its keys (`exchange init`), added as a participant (at `url`,
        else an address nobody answers)."""
        home = self.home.parent / state
        url = url or f"http://127.0.0.1:{port_for(9)}/{state.lower()}"
        entry = run(home, "exchange", "init", "--state", state, "--url", url, *options).stdout
        path = home.parent / f"{state}.entry.json"
        path.write_text(entry)
        run(self.home, "hub", "participant", "add", str(path))
        self.states[state] = home
        return dict(json.loads(entry))

    def start(self) -> None:
        command = [TORTUREFREE, "serve", "--role", "hub", "--port", str(self.port)]
        command += ["--workers", "1", "--threads", "4", "--no-worker", "--home", str(self.home)]
        self.process = subprocess.Popen(
            command, env=environment(self.home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the hub exited: {self.process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise AssertionError("the hub did not answer within 120 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, path: str, language: str = "en") -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, headers={"Accept-Language": language})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def post(self, raw: bytes) -> dict[str, Any]:
        request = urllib.request.Request(
            self.url + "/exchange/v1/inbox",
            data=raw,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            receipt: dict[str, Any] = json.loads(answer.read())
        return receipt

    def message(
        self, state: str, body: dict[str, Any], type: str = "register_update"
    ) -> SignedMessage:
        """A message (by default a register_update) signed by `state`'s current key, to the hub."""
        node = Node(self.states[state])
        key = node.signing_key()
        envelope = new_envelope(
            type=type, sender=state, recipient="HUB", key_id=key.key_id, body=body
        )
        return sign(envelope, key)


def update(
    country: str, reference: str, name: str, action: str = "authorised", **extra: Any
) -> dict[str, Any]:
    """A register_update body for a trader established in `country`."""
    body: dict[str, Any] = {
        "trader": {"name": name, "country": country, "address": f"1 Main Street, {country}"},
        "authorisation": {
            "kind": extra.pop("kind", "global_licence"),
            "reference": reference,
            "valid_from": extra.pop("valid_from", "2026-01-01"),
            "valid_until": extra.pop("valid_until", "2027-12-31"),
        },
        "action": action,
    }
    body.update(extra)
    return body


def hub_with_states(root: Path, offset: int) -> Hub:
    """A hub with the secretariat, FR (EU profile, with a contact) and KE (UN-A+DP) joined and
    directory v1 published, not yet started: the set-up the hub tests share."""
    hub = Hub(root / "HUB", port_for(offset))
    hub.join("HUB", "--name", "Monitoring body")
    contact = ("--office", "Bureau des biens sensibles", "--email", "biens@example.fr")
    hub.join("FR", "--name", "FR authority", "--profile", "EU", *contact)
    hub.join("KE", "--name", "KE authority", "--profile", "UN-A+DP", "--annex", "death_penalty")
    run(hub.home, "hub", "directory", "publish", "--out", str(root / "directory.json"))
    return hub
