"""A delivery pass on PostgreSQL (exchange/passes.py): its messages claimed in one statement,
its outcomes recorded in one transaction, and a failure while recording leaves what it could
not write to be sent again, never lost and never marked delivered without its receipt.

The scripts run as FR (its own PostgreSQL database); no peer needs to answer: the outcomes
are built as the sender threads would build them from a verified receipt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.exchange.commands import manual_fr_on_postgresql, queue_many
from tests.exchange.nodes import Network, NodeProcess, exchange_network

__all__ = ["exchange_network"]

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

SETUP = """
import datetime as dt, json, threading
import django
django.setup()
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from torturefree_service.audit.models import AuditEvent
from torturefree_service.exchange import passes, settled
from torturefree_service.exchange.delivery import write_one
from torturefree_service.exchange.models import Attempt, OutboxMessage
from torturefree_service.exchange.outcomes import Outcome

def delivered(message):
    changes = {"state": "delivered", "delivered_at": timezone.now(), "receipt_error": None,
               "receipt_raw": b"receipt"}
    return Outcome(message, 200, changes, "delivered", "", ("exchange.delivered", {"type": message.type}))

def failed(message):
    changes = {"state": "pending", "next_attempt_at": timezone.now(), "last_error": "HTTP 500"}
    return Outcome(message, 500, changes, "failed", "HTTP 500")

def states():
    return {str(pk): [s, a] for pk, s, a in OutboxMessage.objects.values_list("pk", "state", "attempts")}
"""

CLAIM = (
    SETUP
    + """
first, lease = passes.claim_due(3)
second, _ = passes.claim_due(100)
third, _ = passes.claim_due(100)
one_lease = all(r.claimed_until == lease for r in OutboxMessage.objects.filter(pk__in=[m.pk for m in first]))
OutboxMessage.objects.filter(pk=first[0].pk).update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
again, _ = passes.claim_due(100)
# Four passes at once over fresh messages: each row taken by one of them.
OutboxMessage.objects.update(state="pending", claimed_until=None)
taken = []
def claim():
    taken.append([str(m.pk) for m in passes.claim_due(8)[0]])
    connections.close_all()
threads = [threading.Thread(target=claim) for _ in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
print(json.dumps({
    "first": [str(m.pk) for m in first], "second": [str(m.pk) for m in second],
    "third": len(third), "again": [str(m.pk) for m in again], "one_lease": one_lease, "lapsed": Attempt.objects.filter(outcome="lapsed").count(),
    "taken": taken, "states": states(),
}))
"""
)

RECORD = (
    SETUP
    + """
rows, lease = passes.claim_due(100)
counts = []
for part in (rows[0:2], rows[2:6]):
    with CaptureQueriesContext(connection) as queries:
        done = passes.record([delivered(m) for m in part], lease, write_one)
    counts.append(len(queries))
mixed = passes.record([failed(rows[6]), delivered(rows[7])], lease, write_one)
print(json.dumps({
    "counts": counts, "states": states(), "mixed": mixed.states,
    "attempts": Attempt.objects.filter(outcome="delivered").count(),
    "events": AuditEvent.objects.filter(verb="exchange.delivered").count(),
    "pending_events": AuditEvent.objects.filter(ledger_seq__isnull=True).count(),
}))
"""
)

FAIL = (
    SETUP
    + """
rows, lease = passes.claim_due(100)
boom, lost = rows[0], rows[1]
OutboxMessage.objects.filter(pk=boom.pk).update(subject_kind="test_boom")
boom.subject_kind = "test_boom"
@settled.on_settled("test_boom")
def explode(message):
    raise RuntimeError("the business object cannot be settled")
# Another worker took `lost` over after its lease ran out: its outcome is not ours to write.
OutboxMessage.objects.filter(pk=lost.pk).update(claimed_until=lease + dt.timedelta(seconds=5))
done = passes.record([delivered(m) for m in rows], lease, write_one)
after = states()
OutboxMessage.objects.filter(pk=boom.pk).update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
retried, _ = passes.claim_due(100)
print(json.dumps({
    "boom": str(boom.pk), "lost": str(lost.pk), "done": done.states, "after": after,
    "retried": [str(m.pk) for m in retried],
    "attempts": sorted(str(a) for a in Attempt.objects.filter(outcome="delivered").values_list("message_id", flat=True)),
}))
"""
)


def _run(node: NodeProcess, script: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(node.python(script).strip().splitlines()[-1])
    return found


@pytest.fixture
def fr(exchange_network: Callable[..., Network]) -> NodeProcess:
    return manual_fr_on_postgresql(exchange_network)


def test_a_pass_claims_its_messages_at_once_and_each_by_one_pass_only(
    fr: NodeProcess, tmp_path: Path
) -> None:
    sent = queue_many(fr, tmp_path, "KE", "information_request", 5)
    found = _run(fr, CLAIM)
    assert len(found["first"]) == 3 and found["third"] == 0
    assert sorted(found["first"] + found["second"]) == sorted(sent)
    assert found["one_lease"]  # the pass's claim: one statement, one lease
    # A lease that ran out (its worker killed): claimed again, and the attempt says why.
    assert found["again"] == found["first"][:1] and found["lapsed"] == 1
    taken = [pk for part in found["taken"] for pk in part]
    assert sorted(taken) == sorted(sent)  # each once, by one of the four passes
    assert {s for s, _ in found["states"].values()} == {"sending"}


def test_a_pass_records_its_outcomes_together(fr: NodeProcess, tmp_path: Path) -> None:
    sent = queue_many(fr, tmp_path, "KE", "information_request", 8)
    found = _run(fr, RECORD)
    # Two outcomes or four: the same statements (one transaction for the pass, not one each).
    assert found["counts"][0] == found["counts"][1]
    states = found["states"]
    assert sum(1 for s, a in states.values() if s == "delivered" and a == 1) == 7
    assert sorted(found["mixed"].values()) == ["delivered", "pending"]
    assert found["attempts"] == 7 and found["events"] == 7
    assert found["pending_events"] == 0  # the pass's events reached the ledger
    assert set(states) == set(sent)


def test_a_failure_while_recording_a_pass_leaves_the_message_to_send_again(
    fr: NodeProcess, tmp_path: Path
) -> None:
    sent = queue_many(fr, tmp_path, "KE", "information_request", 4)
    found = _run(fr, FAIL)
    boom, lost = found["boom"], found["lost"]
    others = [pk for pk in sent if pk not in (boom, lost)]
    # The pass's transaction failed on `boom`: the others were then written one by one.
    assert all(found["after"][pk] == ["delivered", 1] for pk in others)
    assert found["after"][boom] == ["sending", 0]  # not delivered, not lost: claimed still
    assert found["after"][lost] == ["sending", 0]  # left to the worker that holds it now
    assert sorted(found["attempts"]) == sorted(others)
    assert found["done"] == {**{pk: "delivered" for pk in others}, lost: "sending"}
    assert found["retried"] == [boom]  # its lease over, the next pass sends it again
