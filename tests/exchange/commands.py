"""Running `torturefree exchange ...` as a real node and reading what it prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.exchange.conftest import body
from tests.exchange.nodes import Network, NodeProcess, postgres_available

from torturefree.exchange.local_nodes import poll

MANUAL = {"TORTUREFREE_EXCHANGE_DELIVERY": "manual"}


def manual_fr_on_postgresql(exchange_network: Callable[..., Network]) -> NodeProcess:
    """FR (with KE known) on PostgreSQL, not started and delivering only when told: the
    node for tests that drive its passes and inbox from a script (skipped without PostgreSQL)."""
    if not postgres_available():
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    return exchange_network("FR", "KE", start=False, env=MANUAL, database="postgres")["FR"]


def command(node: NodeProcess, *args: str, code: int = 0) -> Any:
    """Run `torturefree exchange ARGS` as the node: its JSON on success, else what it printed."""
    done = node.run("exchange", *args)
    assert done.returncode == code, done.stdout + done.stderr
    if code == 0 and (args[0] in ("send", "deliver") or "--json" in args):
        return json.loads(done.stdout)
    return done.stdout + done.stderr


def body_file(folder: Path, message_type: str, **changes: Any) -> str:
    path = folder / f"{message_type}-{len(list(folder.glob('*.json')))}.json"
    path.write_text(json.dumps({**body(message_type), **changes}))
    return str(path)


def until(check: Callable[[], Any], seconds: float = 60.0) -> Any:
    """Poll `check` until it returns something true (bounded; no timing is asserted)."""
    found = poll(check, seconds, interval=0.3)
    assert found, f"not reached in {seconds}s"
    return found


def outbox_row(node: NodeProcess, message_id: str, state: str) -> dict[str, Any] | None:
    rows: list[dict[str, Any]] = command(node, "outbox", "--json")
    return next((r for r in rows if r["id"] == message_id and r["state"] == state), None)


def inbox_row(node: NodeProcess, message_id: str) -> dict[str, Any] | None:
    rows: list[dict[str, Any]] = command(node, "inbox", "--json")
    return next((r for r in rows if r["id"] == message_id), None)


def send(node: NodeProcess, folder: Path, to: str, message_type: str, **changes: Any) -> str:
    """Queue a message of `message_type` (its fixture body, with `changes`); its id."""
    done = command(
        node, "send", "--to", to, "--type", message_type,
        "--body", body_file(folder, message_type, **changes),
    )  # fmt: skip
    return str(done["id"])


def pin(node: NodeProcess, peer: NodeProcess, url: str) -> None:
    """Make `node` reach `peer` at `url` (a relay) with the peer's own key."""
    key = peer.node.signing_key()
    spec = f"{key.key_id}:{key.public.public_key}"
    done = node.run("exchange", "peer", "pin", "--state", peer.state, "--url", url, "--key", spec)
    assert done.returncode == 0, done.stdout + done.stderr


QUEUE_MANY = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.db import transaction
from torturefree_service.exchange.outbox import outbox_send
call_command("migrate", verbosity=0, interactive=False)
to, kind, path, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
body = json.loads(open(path).read())
ids = []
for _ in range(count):
    with transaction.atomic():
        ids.append(str(outbox_send(type=kind, to=to, body=body, actor="test").pk))
print(json.dumps(ids))
"""


def queue_many(
    node: NodeProcess, folder: Path, to: str, message_type: str, count: int
) -> list[str]:
    """Queue `count` messages through the node's service in one process (what `send` does
    once per run); their ids."""
    path = body_file(folder, message_type)
    printed = node.python(QUEUE_MANY, to, message_type, path, str(count), timeout=300)
    ids: list[str] = json.loads(printed.strip().splitlines()[-1])
    return ids
