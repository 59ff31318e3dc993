"""`torturefree exchange demo`: issue #13's three-node story by hand, on real local nodes.

FR, DE and KE run as `torturefree serve` processes on 127.0.0.1 (--base-port, +1, +2), each
with its own home, SQLite database and keys, sharing a directory signed by a hub key made for
the run. Each step is printed with its outcome; every process started is stopped at the end,
on a failure and on Ctrl-C.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import time
from pathlib import Path
from types import FrameType

import typer

from torturefree.cli.common import exit_codes, stderr
from torturefree.errors import InputError
from torturefree.exchange.demo_nodes import DemoNetwork, prepare_network
from torturefree.exchange.demo_story import StoryError, denial_story, objection_story


def demo(
    base_port: int = typer.Option(
        8100, "--base-port", help="FR listens here, DE on the next port, KE on the one after."
    ),
    root: Path | None = typer.Option(
        None, "--root", help="Keep the nodes' homes here (default: a temporary folder, removed)."
    ),
    timeout: float = typer.Option(
        120.0, "--timeout", min=1.0, help="Seconds to wait for each delivery or start-up."
    ),
) -> None:
    """Run FR, DE and KE on loopback and walk the story: notice, objection, denial, consultation."""
    with exit_codes():
        if root is not None and root.exists() and any(root.iterdir()):
            raise InputError(f"{root} is not empty", field="--root")
        folder = root or Path(tempfile.mkdtemp(prefix="torturefree-exchange-demo-"))
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            _run(folder, base_port, timeout)
            print(f"homes kept in {folder}" if root else "homes removed", flush=True)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if root is None:
                shutil.rmtree(folder, ignore_errors=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _run(folder: Path, base_port: int, timeout: float) -> None:
    network = prepare_network(folder, base_port)
    steps = _Steps()
    try:
        _start(network, steps, timeout)
        objection_story(network, steps.say, timeout)
        denial_story(network, steps.say, timeout)
        steps.say("the story is complete")
    except StoryError as error:
        stderr.print(f"[red]the demo stopped: {error}[/red]")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        stderr.print("interrupted: stopping the nodes")
        raise typer.Exit(130) from None
    finally:
        network.stop()
        print("nodes stopped", flush=True)


def _start(network: DemoNetwork, steps: _Steps, timeout: float) -> None:
    for node in network.nodes.values():
        node.start()
    for node in network.nodes.values():
        node.wait_ready(timeout)
        node.make_logins()
        steps.say(f"{node.state} ({node.profile}) serves on {node.url}, home {node.home}")


class _Steps:
    """Numbered lines on stdout, with the seconds since the start."""

    def __init__(self) -> None:
        self.count = 0
        self.started = time.monotonic()

    def say(self, text: str) -> None:
        self.count += 1
        print(f"{self.count:>2}. [{time.monotonic() - self.started:5.1f}s] {text}", flush=True)


def register(exchange_app: typer.Typer) -> None:
    exchange_app.command("demo")(demo)
