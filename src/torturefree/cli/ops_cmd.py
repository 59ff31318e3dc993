"""`torturefree worker`: the queue's worker processes (django-q2 cluster) for the service."""

from __future__ import annotations

from pathlib import Path

import typer

from torturefree.cli.common import HomeOption, stderr, use_home
from torturefree.cli.service_cmd import _django


def worker(home: Path = HomeOption) -> None:
    """Run queued jobs and schedules (django-q2 cluster; stop with SIGTERM, it finishes tasks)."""
    use_home(home)
    _django()
    from django.conf import settings
    from django.core.management import call_command
    from torturefree_service.jobs.queue import sync_schedules
    from torturefree_service.jobs.recovery import jobs_recover

    recovered = jobs_recover()
    names = sync_schedules()
    broker = "redis" if "redis" in settings.Q_CLUSTER else "database"
    stderr.print(
        f"torturefree worker ready: {settings.Q_CLUSTER['workers']} processes, {broker} broker, "
        f"{len(names)} schedules, {recovered['requeued']} jobs requeued, "
        f"{recovered['failed']} failed after a stop"
    )
    call_command("qcluster")


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
