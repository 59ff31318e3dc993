"""Service benchmark: the caseworker queue over 100,000 cases in PostgreSQL, and submit to
checks done for a 20-line application.

Run: .venv/bin/python benchmarks/service.py
       [--database postgresql://postgres@127.0.0.1:5432/tf_bench] [--cases 100000]
       [--rounds 30] [--submits 10] [--watchlist PATH --watchlist-format un-xml] [--reuse]
Goals (issue #5): queue page p95 <= 300 ms; submit to checks done (20 lines) <= 1 s.

The database named in --database is dropped and created again (unless --reuse finds enough
cases in it): point it at a scratch database, never at real data. Cases are generated with
bulk inserts (no services, no audit): only the timed steps go through the API.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
QUEUE_GOAL_MS = 300.0
SUBMIT_GOAL_S = 1.0
DESTINATIONS = [
    "BR",
    "CN",
    "US",
    "IN",
    "ID",
    "PH",
    "MX",
    "AR",
    "CL",
    "PE",
    "CO",
    "ZA",
    "NG",
    "EG",
    "TR",
    "SA",
    "AE",
    "PK",
    "BD",
    "VN",
    "TH",
    "MY",
    "KE",
    "UA",
    "RS",
]
TYPES = [("individual_export", 70), ("global_export", 10), ("brokering", 10)]
TYPES += [("technical_assistance", 6), ("museum_export", 4)]
# A realistic back office: most cases are closed, a working queue of about a quarter.
STATUSES = [("closed", 75), ("new", 8), ("in_review", 9), ("awaiting_applicant", 4)]
STATUSES += [("advised", 4)]
FLAGS = ["screening_hit", "risk_findings", "needs_review", "denial_consultation", "prohibited"]
GOODS = [
    ("stun gun, 50 kV, handheld", "9304 00 00"),
    ("handcuffs, steel, chain link, overall length 240 mm", "7326 90 98"),
    ("leg irons, steel", "7326 90 98"),
    ("pepper spray, 400 ml canister, oleoresin capsicum", "9304 00 00"),
    ("riot shield, polycarbonate", "3926 90 97"),
    ("sodium thiopental, powder for injection", "2933 53 90"),
    ("electric shock belt for prisoners", "8543 70 90"),
    ("spit hood, mesh", "6307 90 98"),
    ("restraint chair with straps", "9401 79 00"),
    ("portable riot control launcher, multi-barrel", "9303 90 00"),
]
QUEUE_VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("open cases by SLA", {}),
    ("assigned to me", {"assigned": "me"}),
    ("unassigned", {"assigned": "unassigned"}),
    ("type brokering", {"type": "brokering"}),
    ("destinations BR, CN", {"destination": ["BR", "CN"]}),
    ("flag screening_hit", {"flag": "screening_hit"}),
    ("exclude flag risk_findings", {"exclude_flag": "risk_findings"}),
    ("overdue", {"overdue": "true"}),
    ("status advised", {"status": "advised"}),
    ("page 20", {"page": 20}),
]


def weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def fresh_database(url: str, reuse: bool) -> None:
    """Create the scratch database (dropping it first unless reusing)."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and not reuse:
            db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or not reuse:
            db.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str, home: Path) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["TORTUREFREE_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torturefree_service.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    # Logins are set up, not measured: the fast hasher keeps set-up short.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)


def people() -> dict[str, Any]:
    from torturefree_service.organisations.models import Organisation, Person
    from torturefree_service.organisations.services import person_create, token_issue

    acme, _ = Organisation.objects.get_or_create(
        name="Bench Exports GmbH",
        defaults={"kind": "exporter", "country": "DE", "status": "active"},
    )
    out: dict[str, Any] = {"organisation": acme, "tokens": {}, "caseworkers": []}
    staff = [("bench-trader", "trader")] + [(f"bench-cw{i}", "caseworker") for i in range(20)]
    for username, role in staff:
        person = Person.objects.filter(user__username=username).first() or person_create(
            username=username,
            password="bench-password",
            role=role,
            organisation=acme if role == "trader" else None,
        )
        out["tokens"][username] = token_issue(person=person, secret=f"bench-{username}")
        if role == "caseworker":
            out["caseworkers"].append(person)
        else:
            out["trader"] = person
    return out


def generate(cases: int, who: dict[str, Any], seed: int = 5) -> None:
    """Applications and cases with bulk inserts, in batches (about 1 minute for 100,000)."""
    import datetime as dt

    from django.utils import timezone
    from torturefree_service.applications.models import Application
    from torturefree_service.cases.models import Case
    from torturefree_service.organisations.models import Organisation

    rng = random.Random(seed)
    orgs = [who["organisation"]]
    orgs += Organisation.objects.bulk_create(
        [
            Organisation(name=f"Bench Trader {i}", kind="exporter", country="DE", status="active")
            for i in range(199)
        ]
    )
    today = dt.date.today()
    batch = 10_000
    for start in range(0, cases, batch):
        size = min(batch, cases - start)
        apps = []
        for i in range(start, start + size):
            kind = weighted(rng, TYPES)
            apps.append(
                Application(
                    reference=f"TF-B-{i:07d}",
                    organisation=rng.choice(orgs),
                    created_by=who["trader"],
                    type=kind,
                    status="submitted",
                    destination=rng.choice(DESTINATIONS),
                    end_use="museum_display" if kind.startswith("museum") else "law_enforcement",
                    submitted_at=timezone.now(),
                )
            )
        apps = Application.objects.bulk_create(apps)
        rows = []
        for app in apps:
            status = weighted(rng, STATUSES)
            opened = today - dt.timedelta(days=rng.randint(0, 730 if status == "closed" else 60))
            rows.append(
                Case(
                    application=app,
                    reference=app.reference,
                    status=status,
                    assigned_to=None if status == "new" else rng.choice(who["caseworkers"]),
                    opened_on=opened,
                    sla_due=opened + dt.timedelta(days=28),
                    flags=sorted(rng.sample(FLAGS, rng.choice([0, 0, 0, 1, 1, 2]))),
                    application_type=app.type,
                    destination=app.destination,
                    organisation_id_copy=app.organisation_id,
                    closed_at=timezone.now() if status == "closed" else None,
                )
            )
        Case.objects.bulk_create(rows)
        print(f"  generated {start + size:,} cases", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_queue(token: str, rounds: int) -> list[float]:
    from django.test import Client

    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    all_ms: list[float] = []
    per: dict[str, list[float]] = {name: [] for name, _ in QUEUE_VARIANTS}
    for name, params in QUEUE_VARIANTS:  # warm-up: connections, caches, plans
        assert client.get("/api/v1/cases", params, **headers).status_code == 200, name
    for _ in range(rounds):
        for name, params in QUEUE_VARIANTS:
            start = time.perf_counter()
            response = client.get("/api/v1/cases", params, **headers)
            took = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, response.content[:300]
            per[name].append(took)
            all_ms.append(took)
    for name, values in per.items():
        print(f"    {name:<30} p50 {statistics.median(values):7.1f} ms  "
              f"p95 {percentile(values, 0.95):7.1f} ms")  # fmt: skip
    return all_ms


def twenty_lines(rng: random.Random) -> dict[str, Any]:
    lines = []
    for i in range(20):
        description, code = GOODS[i % len(GOODS)]
        lines.append(
            {
                "description": description,
                "cn_code": code,
                "quantity": rng.randint(1, 500),
                "value": rng.randint(100, 90_000),
            }
        )
    return {
        "destination": "BR",
        "end_use": "law_enforcement",
        "end_use_detail": "Issued to the state police for training and custody.",
        "lines": lines,
        "parties": [
            {
                "role": "end_user",
                "name": "Policia Militar do Estado de Sao Paulo",
                "country": "BR",
                "type": "police",
            },
            {"role": "consignee", "name": "Importadora Segura Ltda", "country": "BR"},
        ],
    }


def bench_submit(who: dict[str, Any], count: int) -> list[float]:
    """Create a 20-line draft (not timed), then time POST /submit (checks, case, audit)."""
    from django.test import Client
    from torturefree_service.applications.services import application_create

    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {who['tokens']['bench-trader']}"}
    rng = random.Random(11)
    seconds = []
    for i in range(count + 1):
        draft = application_create(
            by=who["trader"], type="individual_export", data=twenty_lines(rng)
        )
        start = time.perf_counter()
        response = client.post(f"/api/v1/applications/{draft.pk}/submit", **headers)
        took = time.perf_counter() - start
        assert response.status_code == 200, response.content[:500]
        if i == 0:
            print(f"    first submit (engines loaded on first use) {took:6.2f} s")
        else:
            seconds.append(took)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/tf_bench")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30, help="rounds over the queue variants")
    parser.add_argument("--submits", type=int, default=10)
    parser.add_argument("--watchlist", type=Path, help="a watchlist to screen parties against")
    parser.add_argument("--watchlist-format", default="un-xml")
    parser.add_argument("--reuse", action="store_true", help="keep the cases already generated")
    args = parser.parse_args()
    if not args.database.startswith("postgres"):
        parser.error("--database must be a postgresql:// URL")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
          f" ({os.cpu_count()} CPUs)")  # fmt: skip
    home = Path(tempfile.mkdtemp(prefix="tf-service-bench-"))
    fresh_database(args.database, args.reuse)
    setup_django(args.database, home)
    if args.watchlist:
        from torturefree.screening.service import import_watchlist
        from torturefree.screening.store import WatchlistStore

        import_watchlist(WatchlistStore(home), args.watchlist_format, "bench", args.watchlist)
    from torturefree_service.cases.models import Case

    who = people()
    start = time.perf_counter()
    if Case.objects.count() < args.cases:
        generate(args.cases - Case.objects.count(), who)
    print(f"  cases: {Case.objects.count():,} (open: "
          f"{Case.objects.exclude(status='closed').count():,}); "
          f"set-up {time.perf_counter() - start:.1f} s")  # fmt: skip
    print("  queue page (GET /api/v1/cases, 50 a page, as a caseworker):")
    queue = bench_queue(who["tokens"]["bench-cw0"], args.rounds)
    print("  submit to checks done (POST /applications/{id}/submit, 20 lines):")
    submits = bench_submit(who, args.submits)
    q95, s95 = percentile(queue, 0.95), percentile(submits, 0.95)
    print()
    print(f"{'measure':<48} {'ours':>10} {'goal':>10}")
    print(f"{'queue page p95 (' + str(len(queue)) + ' requests)':<48} {q95:8.1f} ms "
          f"{QUEUE_GOAL_MS:7.0f} ms  {'met' if q95 <= QUEUE_GOAL_MS else 'MISSED'}")  # fmt: skip
    print(f"{'queue page p50':<48} {statistics.median(queue):8.1f} ms")
    print(f"{'submit to checks done, p95 (' + str(len(submits)) + ' submits)':<48} {s95:8.2f} s  "
          f"{SUBMIT_GOAL_S:7.0f} s   {'met' if s95 <= SUBMIT_GOAL_S else 'MISSED'}")  # fmt: skip
    print(f"{'submit to checks done, median':<48} {statistics.median(submits):8.2f} s")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    from torturefree_service.audit.ledger import close_ledgers

    close_ledgers()


if __name__ == "__main__":
    main()
