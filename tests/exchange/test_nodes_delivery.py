"""Delivery that loses nothing and doubles nothing, between real node processes.

A peer down for a while, a peer answering 500 or hanging, the sender's worker killed with
SIGKILL while a message is in flight, two workers on one outbox, a message past its retry
window: each ends with the message in the peer's inbox exactly once, or shown as undeliverable.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.exchange.commands import (
    MANUAL,
    command,
    inbox_row,
    outbox_row,
    pin,
    queue_many,
    send,
    until,
)
from tests.exchange.nodes import Network, exchange_network, postgres_available
from tests.exchange.relay import Relay

__all__ = ["exchange_network"]

pytestmark = pytest.mark.slow
QUICK_RETRIES = {
    "TORTUREFREE_EXCHANGE_RETRY_BASE_SECONDS": "0.5",
    "TORTUREFREE_EXCHANGE_RETRY_CAP_SECONDS": "2",
}


def accepted_ids(node_rows: list[dict[str, object]]) -> list[object]:
    return sorted(r["id"] for r in node_rows if r["state"] == "accepted")


def test_a_peer_down_for_a_while_gets_the_message_once_when_it_is_back(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    network = exchange_network("FR", "KE", env=QUICK_RETRIES)
    fr, ke = network["FR"], network["KE"]
    ke.stop()
    sent = send(fr, tmp_path, "KE", "denial_notice")  # FR's own server and worker deliver it

    def failing() -> dict[str, object] | None:
        row = outbox_row(fr, sent, "pending")
        return row if row is not None and int(str(row["attempts"])) >= 2 else None

    row = until(failing, 120)
    assert "Connection refused" in str(row["last_error"])
    ke.start()
    delivered = until(lambda: outbox_row(fr, sent, "delivered"), 150)
    assert int(str(delivered["attempts"])) >= 3
    assert accepted_ids(command(ke, "inbox", "--json")) == [sent]


# On PostgreSQL a sweep claims and records a pass's messages together (exchange/passes.py).
@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_worker_killed_mid_send_leaves_the_message_to_the_next_one_and_it_arrives_once(
    exchange_network: Callable[..., Network], tmp_path: Path, database: str
) -> None:
    if database == "postgres" and not postgres_available():
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    env = {
        **MANUAL,
        "TORTUREFREE_EXCHANGE_LEASE_SECONDS": "3",
        "TORTUREFREE_EXCHANGE_TIMEOUT_SECONDS": "60",  # still waiting when it is killed
    }
    chosen = {"database": "postgres"} if database == "postgres" else {}
    network = exchange_network("FR", "KE", start=False, env=env, **chosen)
    fr, ke = network["FR"], network["KE"]
    ke.start()
    with Relay(ke.url) as relay:
        pin(fr, ke, relay.url)
        relay.mode = "hold"  # KE stores the message; its receipt never reaches FR
        sent = send(fr, tmp_path, "KE", "denial_notice")
        worker = fr.spawn("exchange", "deliver", "--follow")
        until(lambda: relay.held >= 1)
        assert accepted_ids(command(ke, "inbox", "--json")) == [sent]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        in_flight = outbox_row(fr, sent, "sending")
        assert in_flight is not None and in_flight["attempts"] == 0

        relay.mode = "pass"
        fr.spawn("exchange", "deliver", "--follow")  # takes it over once the lease runs out
        delivered = until(lambda: outbox_row(fr, sent, "delivered"))
        assert delivered["attempts"] == 1
    assert relay.sent[sent] == 2 and len(relay.bodies[sent]) == 1  # the same bytes, twice
    received = command(ke, "inbox", "--json")
    assert [r["id"] for r in received] == [sent]  # once, and no refusal of the second copy


def test_a_peer_answering_500_or_hanging_is_retried_by_the_same_worker(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    env = {**MANUAL, **QUICK_RETRIES, "TORTUREFREE_EXCHANGE_TIMEOUT_SECONDS": "1"}
    network = exchange_network("FR", "KE", start=False, env=env)
    fr, ke = network["FR"], network["KE"]
    ke.start()
    with Relay(ke.url) as relay:
        pin(fr, ke, relay.url)
        relay.mode = "fail"
        sent = send(fr, tmp_path, "KE", "information_request")
        worker = fr.spawn("exchange", "deliver", "--follow")
        until(lambda: relay.sent[sent] >= 2)
        row = outbox_row(fr, sent, "pending") or outbox_row(fr, sent, "sending")
        assert row is not None and "HTTP 500" in str(row["last_error"])
        relay.mode = "hold"
        until(lambda: "timeout" in str((outbox_row(fr, sent, "pending") or {}).get("last_error")))
        relay.mode = "pass"
        until(lambda: outbox_row(fr, sent, "delivered"))
        assert worker.poll() is None  # neither the 500s nor the hang took the worker down
    assert inbox_row(ke, sent) is not None
    assert accepted_ids(command(ke, "inbox", "--json")) == [sent]


def test_a_message_still_undelivered_when_its_window_closes_is_shown_undeliverable(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    window = {"TORTUREFREE_EXCHANGE_RETRY_DAYS": str(25 / 86400)}  # 25 seconds
    network = exchange_network("FR", "KE", start=False, env={**MANUAL, **QUICK_RETRIES, **window})
    fr = network["FR"]  # KE never starts
    sent = send(fr, tmp_path, "KE", "denial_notice")
    assert command(fr, "deliver", "--wait", "90") == {
        "delivered": 0,
        "refused": 0,
        "retrying": 0,
        "undeliverable": 1,
    }
    row = outbox_row(fr, sent, "undeliverable")
    assert row is not None and int(str(row["attempts"])) >= 2
    assert "Connection refused" in str(row["last_error"])
    assert command(fr, "deliver") == {
        "delivered": 0,
        "refused": 0,
        "retrying": 0,
        "undeliverable": 0,
    }  # never tried again


@pytest.mark.postgres
def test_two_workers_on_one_outbox_never_send_a_message_twice(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    # The lease well beyond an attempt's timeout: a claim that ran out while its POST still
    # waited for an answer (a loaded machine) would let the other worker send it too, and the
    # count of POSTs below would exceed the attempts recorded by the claims' holders.
    env = {
        **MANUAL,
        "TORTUREFREE_EXCHANGE_TIMEOUT_SECONDS": "60",
        "TORTUREFREE_EXCHANGE_LEASE_SECONDS": "600",
    }
    network = exchange_network("FR", "KE", start=False, env=env, database="postgres")
    fr, ke = network["FR"], network["KE"]
    ke.start()
    with Relay(ke.url) as relay:
        pin(fr, ke, relay.url)
        sent = queue_many(fr, tmp_path, "KE", "information_request", 40)
        workers = [fr.spawn("exchange", "deliver", "--follow") for _ in range(2)]
        until(lambda: len(command(fr, "outbox", "--json", "--state", "delivered")) == 40, 600)
        assert all(w.poll() is None for w in workers)
    rows = command(fr, "outbox", "--json")
    # Every POST was made by the claim's holder and recorded as its attempt: never two at once.
    assert {r["id"]: r["attempts"] for r in rows} == {i: relay.sent[i] for i in sent}
    assert set(relay.sent) == set(sent)
    assert accepted_ids(command(ke, "inbox", "--json")) == sorted(sent)
