"""Many messages in flight at once between real nodes on PostgreSQL: the sender's threads and
the receiver's grouped ledger flushes lose nothing, double nothing and keep both hash chains.

FR's `exchange deliver` sends on several threads at once (senders.py) to KE's server (several
gunicorn processes and threads, whose concurrent commits share ledger flushes, GroupFlush).
Afterwards every message is in KE's inbox once with its effect once, and on each node every
audit event is in the ledger exactly once, at the sequence number it records, the chain whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.exchange.commands import MANUAL, command, queue_many
from tests.exchange.nodes import Network, NodeProcess, exchange_network, postgres_available

__all__ = ["exchange_network"]

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
COUNT = 60

LEDGER_CHECK = """
import json
from collections import Counter
import django
django.setup()
from torturefree_service.audit.ledger import get_ledger
from torturefree_service.audit.models import AuditEvent
from torturefree_service.exchange.models import InboxMessage, PreExportNoticeReceived
ledger = get_ledger()
events = list(AuditEvent.objects.order_by("id").values_list("key", "verb", "ledger_seq"))
seq_of = {entry.idempotency_key: entry.seq for entry in ledger.entries()}
result = ledger.verify()
print(json.dumps({
    "ok": result.ok, "reason": result.reason, "entries": len(seq_of), "events": len(events),
    "pending": sum(1 for _, _, seq in events if seq is None),
    "elsewhere": [str(k) for k, _, seq in events if seq is not None and seq_of.get(str(k)) != seq],
    "verbs": Counter(verb for _, verb, _ in events),
    "inbox": InboxMessage.objects.count(), "notices": PreExportNoticeReceived.objects.count(),
}))
"""


def ledger_state(node: NodeProcess) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(node.python(LEDGER_CHECK).strip().splitlines()[-1])
    return found


def test_messages_sent_many_at_once_arrive_once_and_every_event_is_chained_once(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    env = {
        **MANUAL,
        "TORTUREFREE_EXCHANGE_SENDER_THREADS": "6",
        "TORTUREFREE_EXCHANGE_TIMEOUT_SECONDS": "60",
        "TORTUREFREE_EXCHANGE_LEASE_SECONDS": "600",
    }
    network = exchange_network("FR", "KE", start=False, env=env, database="postgres")
    fr, ke = network["FR"], network["KE"]
    ke.start()
    sent = queue_many(fr, tmp_path, "KE", "pre_export_notice", COUNT)
    done = command(fr, "deliver")
    assert done == {"delivered": COUNT, "refused": 0, "retrying": 0, "undeliverable": 0}
    outbox = command(fr, "outbox", "--json")
    assert {r["id"]: (r["state"], r["attempts"]) for r in outbox} == {
        i: ("delivered", 1) for i in sent
    }
    received = command(ke, "inbox", "--json")
    assert sorted(r["id"] for r in received) == sorted(sent)
    assert {r["state"] for r in received} == {"accepted"}

    at_ke, at_fr = ledger_state(ke), ledger_state(fr)
    assert (at_ke["inbox"], at_ke["notices"]) == (COUNT, COUNT)  # each effect once
    assert at_ke["verbs"] == {"exchange.receive": COUNT}
    assert at_fr["verbs"] == {"exchange.queue": COUNT, "exchange.delivered": COUNT}
    for state in (at_ke, at_fr):
        assert state["ok"], state["reason"]
        assert state["pending"] == 0  # flushed before each answer, not left for a sweep
        assert state["elsewhere"] == []  # each event at the entry its ledger_seq names
        assert state["entries"] == state["events"]  # none appended twice, none lost
