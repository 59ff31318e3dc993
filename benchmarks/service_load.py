"""Load at a fixed rate against `torturefree serve` (gunicorn) on SQLite and PostgreSQL, and
against `serve --dev` (the anchor), side by side in one run.

Run: .venv/bin/python benchmarks/service_load.py [--rate 200] [--seconds 60] [--no-postgres]
       [--endpoints applications determinations drafts]
Goals (issue #19): the rate held, 0 errors; p99 <= 100 ms for GET /api/v1/applications (a read),
p99 <= 50 ms for POST /api/v1/determinations; POST /api/v1/applications (a trader's draft, a
write) measured beside them.
The load generator is a separate process; latency counts from each request's scheduled time,
so a server that falls behind shows it (no coordinated omission); requests not sent 5 s after
the end (the server fell that far behind) count as errors. SQLite in a temporary home;
PostgreSQL in a database of its own (created and dropped) on TORTUREFREE_BENCH_PG
(default postgresql://postgres@127.0.0.1:5432/postgres), with persistent connections
(CONN_MAX_AGE=60, the default) and without (CONN_MAX_AGE=0) to show what they change.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "torturefree"
SETUP = """
import django; django.setup()
from django.core.management import call_command; call_command("migrate", verbosity=0)
from torturefree_service.organisations.services import person_create, token_issue
from torturefree_service.organisations.models import Organisation, OrganisationStatus
p = person_create(username="bench", password="bench-password-123", role="caseworker")
org = Organisation.objects.create(name="Bench Exports", kind="exporter", country="DE",
                                  status=OrganisationStatus.ACTIVE)
t = person_create(username="trader", password="bench-password-123", role="trader",
                  organisation=org)
print(token_issue(person=p, label="bench"), token_issue(person=t, label="bench"))
"""
DETERMINATION = json.dumps(
    {
        "jurisdiction": "EU",
        "date": "2025-09-01",
        "activity": "export",
        "origin": "DE",
        "destination": "BR",
        "goods": [{"entry": "eu-2019-125/thumb-cuffs"}],
    }
)
DRAFT = json.dumps(
    {
        "type": "individual_export",
        "destination": "BR",
        "lines": [{"description": "Handcuffs", "quantity": 10}],
    }
)
# endpoint: (method, path, body, whose token, status expected)
ENDPOINTS = {
    "applications": ("GET", "/api/v1/applications", None, 0, 200),
    "determinations": ("POST", "/api/v1/determinations", DETERMINATION, 0, 200),
    "drafts": ("POST", "/api/v1/applications", DRAFT, 1, 201),
}


def _load(
    port: int, endpoint: str, token: str, rate: int, seconds: int, out: multiprocessing.Queue
) -> None:
    method, path, body, _, expected = ENDPOINTS[endpoint]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.perf_counter() + 0.5
    total = rate * seconds
    slots = iter(range(total))

    deadline = start + seconds + 5  # a slot not started by then is counted as not sent

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in slots:
            due = start + i / rate
            if time.perf_counter() > deadline:
                break
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            try:
                conn.request(method, path, body=body, headers=headers)
                answer = conn.getresponse()
                answer.read()
                ok = answer.status == expected
            except OSError:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                latencies.append(time.perf_counter() - due)
                errors[0] += not ok

    threads = [threading.Thread(target=worker) for _ in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = min(time.perf_counter(), deadline) - start
    out.put((sorted(latencies), errors[0] + total - len(latencies), len(latencies) / elapsed))


def _pct(values: list[float], q: float) -> float:
    return 1000 * values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


PG = os.environ.get("TORTUREFREE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_database(name: str, create: bool) -> str:
    """Create (or drop) a database of the benchmark's own; returns its URL."""
    import psycopg

    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return PG.rsplit("/", 1)[0] + "/" + name


def run(
    dev: bool,
    rate: int,
    seconds: int,
    endpoint: str,
    database: str = "",
    extra: dict[str, str] | None = None,
) -> str:
    home = Path(tempfile.mkdtemp(prefix="tf-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TORTUREFREE"))}
    env |= {"TORTUREFREE_HOME": str(home), "DJANGO_SETTINGS_MODULE": "torturefree_service.settings"}
    env |= ({"DATABASE_URL": database} if database else {}) | (extra or {})
    tokens = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, check=True
    ).stdout.split()[-2:]
    token = tokens[ENDPOINTS[endpoint][3]]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [str(BIN), "serve", "--no-worker", "--port", str(port)] + (["--dev"] if dev else [])
    server = subprocess.Popen(
        command, env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        out: multiprocessing.Queue = multiprocessing.Queue()
        loader = multiprocessing.Process(
            target=_load, args=(port, endpoint, token, rate, seconds, out)
        )
        loader.start()
        lat, errors, held = out.get()
        loader.join()
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(home, ignore_errors=True)
    return f"{held:7.1f}/s {errors:6d} {_pct(lat, 0.5):8.1f} {_pct(lat, 0.95):8.1f} {_pct(lat, 0.99):8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--endpoints", nargs="+", choices=sorted(ENDPOINTS), default=list(ENDPOINTS)
    )
    args = parser.parse_args()
    for endpoint in args.endpoints:
        method, path = ENDPOINTS[endpoint][:2]
        print(
            f"\n{method} {path} ({endpoint}) at {args.rate} req/s for {args.seconds} s; load "
            f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start"
        )
        print(f"{'server':<40} {'held':>9} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        row = run(False, args.rate, args.seconds, endpoint)
        print(f"{'serve (gunicorn 2x4), SQLite':<40} {row}", flush=True)
        if not args.no_postgres:
            name = f"sec_bench_{os.getpid()}"
            for label, age in (("", "60"), (", CONN_MAX_AGE=0", "0")):
                url = _pg_database(name, create=True)
                try:
                    extra = {"TORTUREFREE_DB_CONN_MAX_AGE": age}
                    row = run(False, args.rate, args.seconds, endpoint, url, extra)
                finally:
                    _pg_database(name, create=False)
                print(f"{'serve (gunicorn 2x4), PostgreSQL' + label:<40} {row}", flush=True)
        row = run(True, args.rate, args.seconds, endpoint)
        print(f"{'anchor: serve --dev (Django), SQLite':<40} {row}", flush=True)


if __name__ == "__main__":
    main()
