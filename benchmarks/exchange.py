"""The exchange: the cost of signing and verifying alone, one core (issue #13).

Part one (this file's `crypto` section): messages per second to build, canonicalise (RFC 8785)
and sign a pre-export notice, and to verify received bytes with every check of the contract
(size, JSON, envelope, directory lookup, key validity, Ed25519, clock, schema), beside the
anchor of bare Ed25519 over the same bytes (what the cryptography alone costs). End-to-end
delivery between two nodes (signed, verified, persisted, receipted) is printed beside it by the
service's part.
Part two (`--e2e`, benchmarks/exchange_e2e.py): two real nodes on PostgreSQL, messages per
second end to end and the latency of delivery, printed beside part one.
Run: .venv/bin/python benchmarks/exchange.py [--count 5000] [--e2e [--messages 2000]]
Goal (issue #13): >= 200 messages/s end to end with PostgreSQL, p99 of delivery < 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from torturefree.exchange import Node, NodeSettings, new_envelope, receipt_for, sign, verify
from torturefree.exchange.canonical import canonical
from torturefree.exchange.directory import directory_document, parse_directory
from torturefree.exchange.publickey import unb64url

BODY = Path(__file__).resolve().parents[1] / "tests/exchange/fixtures/bodies/pre_export_notice.json"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def rate(count: int, work: Callable[[int], Any]) -> float:
    """Operations per second of `work(i)` for i in range(count), after a short warm-up."""
    for index in range(min(200, count)):
        work(index)
    start = time.perf_counter()
    for index in range(count):
        work(index)
    return count / (time.perf_counter() - start)


def crypto_figures(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        nodes = {}
        for state in ("FR", "KE"):
            node = Node(Path(folder) / state)
            node.init(NodeSettings(state, f"http://127.0.0.1:1/{state}", profile="EU"))
            nodes[state] = node
        directory = parse_directory(directory_document(1, [n.entry() for n in nodes.values()]))
        key, ke_key = nodes["FR"].signing_key(NOW), nodes["KE"].signing_key(NOW)
        body = json.loads(BODY.read_text())
        envelopes = [
            new_envelope(
                type="pre_export_notice",
                sender="FR",
                recipient="KE",
                key_id=key.key_id,
                body=body,
                sent_at=NOW,
            )
            for _ in range(count)
        ]
        signed = [sign(e, key) for e in envelopes]
        documents = [canonical(e.to_json()) for e in envelopes]
        signatures = [unb64url(s.signature) for s in signed]
        public = key.public
        verified = [verify(s.raw, me="KE", now=NOW, directory=directory) for s in signed]
        return {
            "sign (ours: schema gate + RFC 8785 + Ed25519)": rate(
                count, lambda i: sign(envelopes[i], key)
            ),
            "sign (anchor: bare Ed25519 of the canonical bytes)": rate(
                count, lambda i: key.private.sign(documents[i])
            ),
            "verify (ours: every check of the contract)": rate(
                count, lambda i: verify(signed[i].raw, me="KE", now=NOW, directory=directory)
            ),
            "verify (anchor: bare Ed25519 verify)": rate(
                count, lambda i: public.verifies(signatures[i], documents[i])
            ),
            "receipt (ours: build + sign an accepted receipt)": rate(
                count,
                lambda i: receipt_for(
                    signed[i].raw, verified[i], me="KE", key=ke_key, received_at=NOW
                ),
            ),
            "message bytes": float(len(signed[0].raw)),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--e2e", action="store_true", help="also two real nodes (PostgreSQL)")
    parser.add_argument("--messages", type=int, default=2000, help="end-to-end messages")
    parser.add_argument("--workers", type=int, default=2, help="FR's delivery processes")
    parser.add_argument("--rate", type=float, default=20.0, help="messages/s for latency")
    parser.add_argument("--latency-messages", type=int, default=300)
    arguments = parser.parse_args()
    print(f"load average (1, 5, 15 min) at the start: {_load()}, {os.cpu_count()} cores")
    print(f"exchange crypto, one core, {arguments.count} pre-export notices")
    crypto = crypto_figures(arguments.count)
    for name, value in crypto.items():
        unit = "bytes" if name == "message bytes" else "messages/s"
        print(f"  {name:<52} {value:>10,.0f} {unit}")
    if not arguments.e2e:
        return
    from exchange_e2e import e2e_figures

    figures = e2e_figures(
        arguments.messages, arguments.workers, arguments.rate, arguments.latency_messages
    )
    print(
        f"end to end, FR -> KE, two `torturefree serve` nodes on PostgreSQL, "
        f"{arguments.messages} notices, {arguments.workers} delivery processes; latency at "
        f"{arguments.rate:g} messages/s through FR's queue worker ({arguments.latency_messages})"
    )
    anchor = min(
        crypto["sign (ours: schema gate + RFC 8785 + Ed25519)"],
        crypto["verify (ours: every check of the contract)"],
    )
    for name, value in figures.items():
        print(f"  {name:<56} {_figure(name, value)}")
    label = "anchor: sign + verify alone, one core (slower of the two)"
    print(f"  {label:<56} {anchor:>10,.0f} messages/s")
    print("  goal: >= 200 messages/s end to end, p99 < 1 s")
    print(f"  load average (1, 5, 15 min) at the end: {_load()}")


def _figure(name: str, value: float) -> str:
    if "(s)" in name:
        return f"{value:>10,.3f} s"
    if "(ms)" in name:
        return f"{value:>10,.2f} ms"
    return f"{value:>10,.0f} messages/s"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
