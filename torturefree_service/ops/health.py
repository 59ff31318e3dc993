"""GET /healthz: is the database reachable and is a queue worker alive? JSON, 200 or 503.

The worker check reads django-q2's cluster statistics, which every running cluster writes to
the cache every half second with a 3-second lifetime: a statistic present means a cluster alive
within the last seconds (the cache must be shared by the processes, see settings.CACHES).
"""

from __future__ import annotations

import time
from typing import Any

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def database_check() -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure is the answer, not a 500
        return {"ok": False, "error": type(error).__name__}
    return {
        "ok": True,
        "vendor": connection.vendor,
        "ms": round(1000 * (time.perf_counter() - started), 1),
    }


def worker_check() -> dict[str, Any]:
    from django_q.status import Stat

    try:
        clusters = [s for s in Stat.get_all() if getattr(s, "status", "") != "Stopped"]
    except Exception as error:  # a cache that cannot be read: no worker can be seen
        return {"ok": False, "error": type(error).__name__}
    return {
        "ok": bool(clusters),
        "clusters": len(clusters),
        "workers": sum(len(getattr(s, "workers", [])) for s in clusters),
    }


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_check(), "worker": worker_check()}
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"ok": ok, **checks}, status=200 if ok else 503)
