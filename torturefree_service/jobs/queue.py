"""Tasks and schedules on django-q2, for every module of the service.

A module queues work with `enqueue("torturefree_service.<app>.tasks.<function>", *args)` and
declares a periodic task with `register_schedule(...)` (usually in its AppConfig.ready).
`torturefree worker` writes the declared schedules to django-q2's Schedule table at start, so
the code is the one place where a schedule is defined (docs/operations.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction

# Schedules this project owns carry this prefix; others (an operator's own) are left alone.
PREFIX = "torturefree:"


@dataclass(frozen=True)
class Periodic:
    name: str
    func: str  # dotted path of a module-level function
    minutes: int  # every so many minutes (1440: daily)


_SCHEDULES: dict[str, Periodic] = {}


def register_schedule(name: str, func: str, *, minutes: int) -> None:
    """Declare a periodic task; the same name declared again replaces the earlier one."""
    if minutes < 1:
        raise ValueError("a schedule runs at most once a minute")
    _SCHEDULES[name] = Periodic(PREFIX + name, func, minutes)


def schedules() -> list[Periodic]:
    return sorted(_SCHEDULES.values(), key=lambda p: p.name)


def sync_schedules() -> list[str]:
    """Make django-q2's Schedule rows match the declared ones; returns their names."""
    from django_q.models import Schedule

    wanted = {p.name: p for p in schedules()}
    Schedule.objects.filter(name__startswith=PREFIX).exclude(name__in=wanted).delete()
    for periodic in wanted.values():
        Schedule.objects.update_or_create(
            name=periodic.name,
            defaults={
                "func": periodic.func,
                "schedule_type": Schedule.MINUTES,
                "minutes": periodic.minutes,
                "repeats": -1,
            },
        )
    return sorted(wanted)


def synchronous() -> bool:
    """Run tasks at once in the caller (tests, one-off commands): TORTUREFREE_JOBS_SYNC or
    django-q2's own `sync` setting."""
    configured = getattr(settings, "TORTUREFREE_JOBS_SYNC", None)
    if configured is not None:
        return bool(configured)
    return bool(settings.Q_CLUSTER.get("sync"))


def enqueue(func: str | Callable[..., Any], *args: Any, group: str = "", **kwargs: Any) -> None:
    """Queue a task. On the ORM broker the queued row is written in the caller's transaction
    (committed or rolled back with it); on Redis it is sent once the transaction commits."""
    from django_q.tasks import async_task

    options: dict[str, Any] = {"sync": synchronous()}
    if group:
        options["group"] = group
    send = partial(async_task, func, *args, q_options=options, **kwargs)
    if options["sync"] or "orm" in settings.Q_CLUSTER:
        send()
    else:
        transaction.on_commit(send)
