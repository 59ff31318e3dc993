"""The hub's register on PostgreSQL (issue 14): append rate, inclusion and consistency proof
times, search p95 over the public page and the API, beside the anchor of a plain SQL table
holding the same rows without any tree, hash or proof.

Goals (issue 14): append >= 2,000 entries/s, a proof <= 5 ms, search p95 <= 150 ms, for a
register of 1,000,000 entries. The register is the real code path (`register_append`: the
RFC 9162 leaf and complete-subtree rows, one signed tree head per batch); the anchor inserts the
same columns in batches of the same size into a table with the same indexes.

Run: .venv/bin/python benchmarks/hub.py [--entries 1000000] [--batch 5000] [--queries 200]
A database `<TORTUREFREE_TEST_DB_PREFIX, default hub7_>bench_<random>` is created on TORTUREFREE_BENCH_PG's server and dropped after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

PG = os.environ.get("TORTUREFREE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
WORDS = [
    "acme",
    "nord",
    "sud",
    "handcuff",
    "restraint",
    "secure",
    "baton",
    "metro",
    "delta",
    "orion",
    "atlas",
    "vega",
]
COUNTRIES = ("FR", "DE", "KE", "GB", "ZA", "BR", "IN", "JP")
KINDS = ("global_licence", "individual_licence", "general_authorisation_registration")
SENT = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def body(i: int) -> tuple[str, dict[str, Any]]:
    rng = random.Random(i)
    country = COUNTRIES[i % len(COUNTRIES)]
    name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i} Ltd"
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(900))
    return country, {
        "trader": {"name": name, "country": country, "address": f"{i} Main Street, {country}"},
        "authorisation": {
            "kind": KINDS[i % len(KINDS)],
            "reference": f"{country}-{i}",
            "valid_from": start.isoformat(),
            "valid_until": (start + dt.timedelta(days=730)).isoformat(),
        },
        "action": "authorised",
    }


def entries(first: int, count: int) -> list[dict[str, Any]]:
    from torturefree.register.entry import make_entry

    out = []
    for i in range(first, first + count):
        state, update = body(i)
        out.append(
            make_entry(
                state=state,
                message_id=str(uuid.UUID(int=i + 1)),
                sent_at=SENT,
                recorded_at=SENT,
                body=update,
            )
        )
    return out


def setup(database: str, home: Path, init: bool = True) -> None:
    from torturefree.exchange import Node, NodeSettings

    if init:
        Node(home).init(NodeSettings(state="HUB", url="http://127.0.0.1/hub"))
    os.environ["TORTUREFREE_HOME"] = str(home)
    os.environ["TORTUREFREE_HUB_DATABASE_URL"] = PG.rsplit("/", 1)[0] + "/" + database
    os.environ["DJANGO_SETTINGS_MODULE"] = "torturefree_service.hub_settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def append_register(total: int, batch: int) -> float:
    from torturefree_service.hub.register import register_append

    made = 0.0
    for first in range(0, total, batch):
        rows = entries(first, min(batch, total - first))
        start = time.perf_counter()
        register_append(rows)
        made += time.perf_counter() - start
        if (first // batch) % 20 == 0:
            print(f"  register: {first + len(rows):>9} entries", file=sys.stderr, flush=True)
    return total / made


ANCHOR_TABLE = """CREATE TABLE plain_register (index bigint PRIMARY KEY, message_id varchar(36)
UNIQUE, state varchar(3), action varchar(12), kind varchar(40), reference varchar(200),
name varchar(500), name_key varchar(500), country varchar(2), valid_from date, valid_until date,
recorded_at timestamptz, text text);
CREATE INDEX plain_name ON plain_register (name_key);
CREATE INDEX plain_country_kind ON plain_register (country, kind);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX plain_name_trgm ON plain_register USING gin (name_key gin_trgm_ops)"""


def append_anchor(total: int, batch: int) -> float:
    from django.db import connection, transaction
    from torturefree_service.hub.register import _row

    with connection.cursor() as cursor:
        for statement in ANCHOR_TABLE.split(";"):
            cursor.execute(statement)
    made = 0.0
    sql = "INSERT INTO plain_register VALUES (" + ", ".join(["%s"] * 13) + ")"
    for first in range(0, total, batch):
        rows = entries(first, min(batch, total - first))
        start = time.perf_counter()
        values = []
        for offset, entry in enumerate(rows):
            r = _row(first + offset, entry)
            values.append(
                (r.index, r.message_id, r.state, r.action, r.kind, r.reference, r.name,
                 r.name_key, r.country, r.valid_from, r.valid_until, r.recorded_at, r.text)
            )  # fmt: skip
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, values)
        made += time.perf_counter() - start
    return total / made


def timed(count: int, work: Callable[[int], Any]) -> list[float]:
    """Milliseconds of each call of work(i)."""
    for i in range(min(10, count)):
        work(i)
    out = []
    for i in range(count):
        start = time.perf_counter()
        work(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def queries(n: int) -> list[dict[str, str]]:
    rng = random.Random(7)
    return [
        {"q": rng.choice(WORDS), "country": rng.choice(COUNTRIES), "valid_on": "2025-06-01"}
        for _ in range(n)
    ]


def rare_queries(n: int, total: int) -> list[dict[str, str]]:
    """A number from the names (each holds its entry's index): a handful of entries match,
    so no early stop on the newest rows helps; only an index on the name can."""
    rng = random.Random(13)
    digits = max(3, len(str(total)) - 1)
    return [{"q": str(rng.randrange(10 ** (digits - 1), 10**digits))} for _ in range(n)]


def search_figures(n: int, total: int) -> dict[str, list[float]]:
    from django.db import connection
    from django.test import Client

    client = Client()
    asked = queries(n)

    def page(i: int) -> None:
        assert client.get("/register/", asked[i]).status_code == 200

    def api(i: int) -> None:
        # A page of the API's default size (100 results, each with its proof).
        assert client.get("/register/results.json", asked[i]).status_code == 200

    def api_max(i: int) -> None:
        # A page of the API's largest size (1000 results).
        assert client.get("/register/results.json", asked[i] | {"limit": "1000"}).status_code == 200

    rare = rare_queries(n, total)

    def page_rare(i: int) -> None:
        assert client.get("/register/", rare[i]).status_code == 200

    def anchor_rare(i: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT index, name, country, kind FROM plain_register WHERE action='authorised'"
                " AND name_key LIKE %s ORDER BY index DESC LIMIT 50",
                ["%" + rare[i]["q"] + "%"],
            )
            cursor.fetchall()

    def anchor(i: int) -> None:
        q = asked[i]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT index, name, country, kind FROM plain_register WHERE action='authorised'"
                " AND name_key LIKE %s AND country=%s AND valid_from <= %s AND"
                " (valid_until IS NULL OR valid_until >= %s) ORDER BY index DESC LIMIT 50",
                ["%" + q["q"] + "%", q["country"], q["valid_on"], q["valid_on"]],
            )
            cursor.fetchall()

    return {
        "page": timed(n, page),
        "api": timed(n, api),
        "api_max": timed(n, api_max),
        "anchor": timed(n, anchor),
        "page_rare": timed(n, page_rare),
        "anchor_rare": timed(n, anchor_rare),
    }


def proof_figures(total: int, n: int) -> dict[str, list[float]]:
    from torturefree_service.hub.logstore import db_nodes
    from torturefree_service.hub.register import consistency, entry_proof

    from torturefree.register.merkle import inclusion_proof

    rng = random.Random(11)
    leaves = [rng.randrange(total) for _ in range(n)]
    pairs = [sorted(rng.sample(range(1, total + 1), 2)) for _ in range(n)]
    return {
        "inclusion": timed(n, lambda i: inclusion_proof(db_nodes, leaves[i], total)),
        "consistency": timed(n, lambda i: consistency(pairs[i][0], pairs[i][1])),
        "proof document": timed(n, lambda i: entry_proof(leaves[i])),
    }


def report(args: argparse.Namespace, rates: tuple[float, float], proofs: Any, search: Any) -> None:
    print(f"hub register on PostgreSQL, {args.entries:,} entries, batches of {args.batch}")
    print(f"{'figure':38} {'ours':>12} {'anchor':>12} {'goal':>12}")
    if rates is not None:
        ours, anchor = rates
        print(f"{'append (entries/s)':38} {ours:>12,.0f} {anchor:>12,.0f} {'>= 2,000':>12}")
    for name in ("inclusion", "consistency", "proof document"):
        values = proofs[name]
        label = (
            f"{name} p50 / p95 (ms)" if name == "proof document" else f"{name} proof p50 / p95 (ms)"
        )
        line = f"{label:38} {p(values, 50):>5.2f} / {p(values, 95):<5.2f}"
        print(f"{line} {'(no proofs)':>12} {'<= 5':>12}")
    anchor_p95 = p(search["anchor"], 95)
    labels = {"page": "public page", "api": "API, 100 a page", "api_max": "API, 1000 a page"}
    for name, said in labels.items():
        label = f"search p95, {said} (ms)"
        print(f"{label:38} {p(search[name], 95):>12.1f} {anchor_p95:>12.1f} {'<= 150':>12}")
    rare, anchor_rare = p(search["page_rare"], 95), p(search["anchor_rare"], 95)
    print(
        f"{'search p95, page, a rare name (ms)':38} {rare:>12.1f} {anchor_rare:>12.1f} {'<= 150':>12}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=200)
    # Building 1,000,000 entries takes minutes: --keep leaves the database (and its signing
    # home) for later runs, --database NAME --home DIR times proofs and searches on one again
    # (no append figures then: nothing is appended).
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database")
    parser.add_argument("--home", type=Path)
    args = parser.parse_args()
    if args.database:
        return measure(args, args.database, args.home, None)
    database = (
        f"{os.environ.get('TORTUREFREE_TEST_DB_PREFIX', 'hub7_')}bench_{secrets.token_hex(4)}"
    )
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    home = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    try:
        setup(database, home)
        rates = (append_register(args.entries, args.batch), 0.0)
        rates = (rates[0], append_anchor(args.entries, args.batch))
        measure(args, database, home, rates)
    finally:
        if args.keep:
            print(f"kept: --database {database} --home {home}", file=sys.stderr)
        else:
            shutil.rmtree(home, ignore_errors=True)
            with psycopg.connect(PG, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def measure(args: argparse.Namespace, database: str, home: Path, rates: Any) -> None:
    """Proofs and searches on a built register, vacuumed and analysed first as autovacuum
    would after a bulk load (an index-only scan needs the visibility map VACUUM writes)."""
    if rates is None:
        setup(database, home, init=False)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    proofs = proof_figures(args.entries, args.queries)
    search = search_figures(args.queries, args.entries)
    report(args, rates, proofs, search)
    connection.close()


if __name__ == "__main__":
    main()
