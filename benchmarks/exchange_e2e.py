"""The exchange end to end between two real nodes on PostgreSQL (issue #13): FR and KE are
`torturefree serve` processes on loopback, each with its own database and keys.

- throughput: N notices queued at FR (signed, stored), then FR's delivery workers (`exchange
  deliver`, two processes) POST them; KE verifies, stores, applies and signs a receipt; FR
  verifies the receipt and records it. Messages/s = N / the time until the last receipt.
- latency: FR's own server and queue worker deliver (a task per message after its commit, as in
  production) while messages are queued at a steady rate; latency = delivered_at - created_at.

Run through benchmarks/exchange.py (`--e2e`), which prints the crypto-only figures beside these.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.exchange.nodes import NodeProcess, postgres_available, start_network  # noqa: E402

from exchange_cpu import CpuSampler  # noqa: E402

PRODUCE = """
import json, sys, time
import django
django.setup()
from django.core.management import call_command
from django.db import transaction
from torturefree_service.exchange.outbox import outbox_send
call_command("migrate", verbosity=0, interactive=False)
to, kind, path, count, rate = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
body = json.loads(open(path).read())
start = time.perf_counter()
for index in range(count):
    if rate > 0:
        pause = start + index / rate - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
    with transaction.atomic():
        outbox_send(type=kind, to=to, body=body, actor="bench")
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

REPORT = """
import json
import django
django.setup()
from torturefree_service.exchange.models import OutboxMessage
rows = OutboxMessage.objects.values_list("state", "created_at", "delivered_at")
print(json.dumps([
    [state, created.timestamp(), delivered.timestamp() if delivered else None]
    for state, created, delivered in rows
]))
"""

BODY = ROOT / "tests/exchange/fixtures/bodies/pre_export_notice.json"


def _python(node: NodeProcess, script: str, *args: str) -> Any:
    return json.loads(node.python(script, *args, timeout=1800).strip().splitlines()[-1])


def _produce(node: NodeProcess, count: int, rate: float = 0.0) -> float:
    # The pre-export notice's body is sent as it is: KE's effect makes a notice for its officers.
    found: dict[str, float] = _python(node, PRODUCE, "KE", "pre_export_notice", str(BODY),
                                      str(count), str(rate))  # fmt: skip
    return found["seconds"]


def _rows(node: NodeProcess) -> list[tuple[str, float, float | None]]:
    return [(str(r[0]), float(r[1]), r[2]) for r in _python(node, REPORT)]


def _wait_delivered(node: NodeProcess, count: int, timeout: float) -> list[Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = _rows(node)
        if sum(1 for r in rows if r[0] == "delivered") >= count:
            return rows
        time.sleep(1.0)
    states = Counter(r[0] for r in _rows(node))
    raise RuntimeError(f"not all {count} delivered in {timeout}s: {dict(states)}")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def throughput(root: Path, count: int, workers: int) -> dict[str, float]:
    manual = {"TORTUREFREE_EXCHANGE_DELIVERY": "manual"}
    network = start_network(root, ["FR", "KE"], database="postgres", start=False, env=manual)
    try:
        fr, ke = network["FR"], network["KE"]
        ke.start()
        queued = _produce(fr, count)
        databases = [str(n.database_url).rsplit("/", 1)[1] for n in (fr, ke)]
        with CpuSampler(databases) as cpu:
            procs = [fr.spawn("exchange", "deliver") for _ in range(workers)]
            cpu.watch(ke.process, *procs)
            for proc in procs:
                proc.wait(timeout=1800)
        rows = _wait_delivered(fr, count, 60)
        # From the first receipt to the last (the workers' start-up is not the exchange's cost).
        delivered = sorted(r[2] for r in rows if r[2] is not None)
        rate = (len(delivered) - 1) / (delivered[-1] - delivered[0])
        seconds = cpu.between(delivered[0], delivered[-1])
        return {
            "queued at FR (sign + store), messages/s": count / queued,
            "delivered end to end, messages/s": rate,
            "CPU per message, both nodes + their PostgreSQL (ms)": 1000 * seconds / (count - 1),
            "delivered per CPU-second (both nodes + PostgreSQL)": (count - 1) / seconds,
        }
    finally:
        network.stop()


def latency(root: Path, count: int, rate: float) -> dict[str, float]:
    network = start_network(root, ["FR", "KE"], database="postgres")
    try:
        fr = network["FR"]
        _produce(fr, count, rate)
        rows = _wait_delivered(fr, count, 600)
        seconds = [d - c for _, c, d in rows if d is not None]
        return {
            "p50 latency (s)": statistics.median(seconds),
            "p99 latency (s)": _percentile(seconds, 0.99),
            "max latency (s)": max(seconds),
        }
    finally:
        network.stop()


def e2e_figures(count: int, workers: int, rate: float, latency_count: int) -> dict[str, float]:
    if not postgres_available():
        raise SystemExit("no PostgreSQL at 127.0.0.1:5432: the end-to-end figures need it")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "t").mkdir()
        (root / "l").mkdir()
        figures = throughput(root / "t", count, workers)
        figures.update(latency(root / "l", latency_count, rate))
    return figures
