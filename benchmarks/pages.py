"""Pages benchmark: the caseworker queue page and the case page over 100,000 cases in PostgreSQL.

Run: .venv/bin/python benchmarks/pages.py
       [--database postgresql://postgres@127.0.0.1:5432/tf_bench_pages] [--cases 100000]
       [--rounds 20] [--full-cases 6] [--reuse]
Goals (issue #8): queue page p95 <= 300 ms; case page p95 <= 300 ms (server time, HTML rendered).

The cases come from the bulk generator of benchmarks/service.py (imported, not copied); on top
of them every application gets one goods line (a tenth rated, so the case page's precedents
search has something to look through), and a few applications of 20 lines are submitted through
the services (checks, screening, risk, audit trail) so their case pages are complete. Requests go
through Django's test client with a signed-in session, as a browser's would.
The database named in --database is dropped and created again (unless --reuse): scratch only.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
GOAL_MS = 300.0


def _service_bench() -> ModuleType:
    # Loaded by path: the name "service" is the Django project, so a plain import would clash.
    spec = importlib.util.spec_from_file_location("service_benchmark", HERE / "service.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _service_bench()

# The queue form's own parameters (multi-select status and type, a destination text field).
QUEUE_VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("open cases by SLA", {}),
    ("assigned to me", {"assigned": "me"}),
    ("nobody assigned", {"assigned": "unassigned"}),
    ("type brokering", {"type": ["brokering"]}),
    ("destinations BR, CN", {"destination": "BR CN"}),
    ("flag screening_hit", {"flag": "screening_hit"}),
    ("no flag risk_findings", {"exclude_flag": "risk_findings"}),
    ("overdue", {"overdue": "on"}),
    ("status advised + in review", {"status": ["advised", "in_review"]}),
    ("page 20", {"page": 20}),
]


def goods_lines(seed: int = 7) -> None:
    """One goods line per generated application, a tenth of them rated by an officer."""
    from django.db import connection
    from torturefree_service.applications.models import Application, GoodsLine

    rng = random.Random(seed)
    ids = list(
        Application.objects.filter(lines__isnull=True, reference__startswith="TF-B-")
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    for start in range(0, len(ids), 10_000):
        rows = []
        for pk in ids[start : start + 10_000]:
            description, code = rng.choice(bench.GOODS)
            rated = rng.random() < 0.1
            rows.append(
                GoodsLine(
                    application_id=pk,
                    line_no=1,
                    description=description,
                    cn_code=code,
                    quantity=rng.randint(1, 500),
                    value=rng.randint(100, 90_000),
                    rating={"entry_id": "", "note": "bench", "by": "bench", "on": "2024-01-02"}
                    if rated
                    else None,
                )
            )
        GoodsLine.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  goods lines added: {len(ids):,}", flush=True)


def full_cases(who: dict[str, Any], count: int) -> list[int]:
    """Applications of 20 lines submitted through the services: checks, case, audit trail."""
    from torturefree_service.applications.services import application_create, application_submit
    from torturefree_service.cases.models import Case
    from torturefree_service.cases.services import case_ask, case_assign, case_note

    rng = random.Random(13)
    officer = who["caseworkers"][0]
    ids = []
    for _ in range(count):
        draft = application_create(
            by=who["trader"], type="individual_export", data=bench.twenty_lines(rng)
        )
        application_submit(by=who["trader"], application=draft)
        case = Case.objects.get(application=draft)
        case_assign(by=officer, case=case, assignee=officer)
        case_note(by=officer, case=case, text="Checked the end user against last year's file.")
        case_ask(by=officer, case=case, text="Please send the end-user certificate.")
        ids.append(case.pk)
    return ids


def timed(client: Any, url: str, params: dict[str, Any] | None = None) -> float:
    start = time.perf_counter()
    response = client.get(url, params or {})
    took = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return took


def report(per: dict[str, list[float]]) -> None:
    for name, values in per.items():
        print(f"    {name:<32} p50 {statistics.median(values):7.1f} ms  "
              f"p95 {bench.percentile(values, 0.95):7.1f} ms")  # fmt: skip


def bench_queue(client: Any, rounds: int) -> list[float]:
    per: dict[str, list[float]] = {name: [] for name, _ in QUEUE_VARIANTS}
    for _, params in QUEUE_VARIANTS:  # warm-up: connections, templates, plans
        timed(client, "/casework/", params)
    for _ in range(rounds):
        for name, params in QUEUE_VARIANTS:
            per[name].append(timed(client, "/casework/", params))
    report(per)
    return [v for values in per.values() for v in values]


def bench_case(client: Any, full: list[int], rounds: int) -> list[float]:
    from torturefree_service.cases.models import Case

    rng = random.Random(17)
    last = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    per: dict[str, list[float]] = {"submitted, 20 lines, checks": [], "bulk case, 1 line": []}
    timed(client, f"/casework/cases/{full[0]}")  # warm-up: engines, templates
    for _ in range(rounds):
        for case_id in full:
            per["submitted, 20 lines, checks"].append(timed(client, f"/casework/cases/{case_id}"))
        for _ in range(len(full)):
            case_id = rng.randint(1, last)
            per["bulk case, 1 line"].append(timed(client, f"/casework/cases/{case_id}"))
    report(per)
    return [v for values in per.values() for v in values]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/tf_bench_pages")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="rounds over the variants")
    parser.add_argument("--full-cases", type=int, default=6, help="20-line cases submitted")
    parser.add_argument("--reuse", action="store_true", help="keep the cases already generated")
    args = parser.parse_args()
    if not args.database.startswith("postgres"):
        parser.error("--database must be a postgresql:// URL")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at start: {load} ({os.cpu_count()} CPUs)")
    home = Path(tempfile.mkdtemp(prefix="tf-pages-bench-"))
    bench.fresh_database(args.database, args.reuse)
    bench.setup_django(args.database, home)
    from django.test import Client
    from torturefree_service.cases.models import Case

    who = bench.people()
    start = time.perf_counter()
    if Case.objects.count() < args.cases:
        bench.generate(args.cases - Case.objects.count(), who)
        goods_lines()
    full = full_cases(who, args.full_cases)
    print(f"  cases: {Case.objects.count():,} (open: "
          f"{Case.objects.exclude(status='closed').count():,}); "
          f"set-up {time.perf_counter() - start:.1f} s")  # fmt: skip
    client = Client()
    client.force_login(who["caseworkers"][0].user)
    print("  queue page (GET /casework/, 50 a page, as a caseworker):")
    queue = bench_queue(client, args.rounds)
    print("  case page (GET /casework/cases/<id>):")
    case = bench_case(client, full, args.rounds)
    print()
    print(f"{'measure':<44} {'ours':>10} {'goal':>10}")
    for name, values in (("queue page", queue), ("case page", case)):
        p95 = bench.percentile(values, 0.95)
        verdict = "met" if p95 <= GOAL_MS else "MISSED"
        label = f"{name} p95 ({len(values)} requests)"
        print(f"{label:<44} {p95:7.1f} ms {GOAL_MS:7.0f} ms  {verdict}")
        print(f"{name + ' p50':<44} {statistics.median(values):7.1f} ms")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    from torturefree_service.audit.ledger import close_ledgers

    close_ledgers()


if __name__ == "__main__":
    sys.exit(main())
