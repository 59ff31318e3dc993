"""The inbox's grouped writes (exchange/inboxgroup.py) on PostgreSQL, in a node's own process:
requests that ask while a group runs share the next transaction; one that fails rolls back only
its own savepoint; a group whose commit fails acknowledges none of its messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.exchange.commands import manual_fr_on_postgresql
from tests.exchange.nodes import Network, NodeProcess, exchange_network

__all__ = ["exchange_network"]

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

GROUPS = """
import json, threading, time
import django
django.setup()
from django.core.management import call_command
from django.db import connection, connections
from torturefree_service.audit.models import AuditEvent
from torturefree_service.exchange.inboxgroup import GroupCommit
call_command("migrate", verbosity=0, interactive=False)
group = GroupCommit()
release, entered = threading.Event(), threading.Event()
results = {}

def work(name):
    def write():
        if name == "first":
            entered.set()
            release.wait(30)  # the others ask meanwhile: they wait for the next group
        AuditEvent.objects.create(verb="x", event_type="x", subject=name, actor="test")
        with connection.cursor() as cursor:
            cursor.execute("SELECT txid_current()")
            txid = cursor.fetchone()[0]
        if name == "refused":
            raise ValueError("this one only")
        return txid
    return write

def ask(name):
    try:
        results[name] = ["ok", group.run(work(name))]
    except Exception as error:
        results[name] = ["error", type(error).__name__]
    finally:
        connections.close_all()

names = ["second", "third", "refused", "fourth"]
first = threading.Thread(target=ask, args=("first",)); first.start()
entered.wait(30)
others = [threading.Thread(target=ask, args=(n,)) for n in names]
[t.start() for t in others]
deadline = time.monotonic() + 30
while len(group._waiting) < len(names) and time.monotonic() < deadline:
    time.sleep(0.01)
release.set()
first.join(); [t.join() for t in others]
stored = sorted(AuditEvent.objects.filter(verb="x").values_list("subject", flat=True))

# A commit that fails (a deferred constraint, checked only at COMMIT): no message acknowledged.
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS group_probe (id int PRIMARY KEY, ref int "
                   "REFERENCES group_probe(id) DEFERRABLE INITIALLY DEFERRED)")
def dangling():
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO group_probe VALUES (1, 99)")
    return "stored?"
try:
    failed = ["ok", group.run(dangling)]
except Exception as error:
    failed = ["error", type(error).__name__]
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM group_probe")
    probe = cursor.fetchone()[0]
print(json.dumps({"results": results, "stored": stored, "failed": failed, "probe": probe}))
"""


@pytest.fixture
def fr(exchange_network: Callable[..., Network]) -> NodeProcess:
    return manual_fr_on_postgresql(exchange_network)


def test_concurrent_writes_share_a_transaction_and_fail_alone(fr: NodeProcess) -> None:
    found: dict[str, Any] = json.loads(fr.python(GROUPS).strip().splitlines()[-1])
    results = found["results"]
    assert results["refused"] == ["error", "ValueError"]
    grouped = {results[n][1] for n in ("second", "third", "fourth")}
    assert len(grouped) == 1  # the three that asked meanwhile: one transaction
    assert results["first"][0] == "ok" and results["first"][1] not in grouped
    # The refused one's savepoint rolled back; the others of its group are stored.
    assert found["stored"] == ["first", "fourth", "second", "third"]
    assert found["failed"][0] == "error" and found["probe"] == 0
