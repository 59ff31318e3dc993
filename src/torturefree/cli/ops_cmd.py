"""`torturefree worker`: the queue's worker processes (django-q2 cluster) for the service."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, stderr, use_home
from torturefree.cli.service_cmd import _django
from torturefree.errors import InputError


def worker(
    home: Path = HomeOption,
    role: str = typer.Option(
        "node", "--role", help="node or hub (ignored when DJANGO_SETTINGS_MODULE is set)."
    ),
) -> None:
    """Run queued jobs and schedules (django-q2 cluster; stop with SIGTERM, it finishes tasks)."""
    use_home(home)
    with exit_codes():
        from torturefree.cli.service_cmd import SETTINGS

        if role not in SETTINGS:
            raise InputError(f"must be one of {', '.join(SETTINGS)}", field="--role")
        # The hub's worker runs the hub's schedules (amendments-notify) on the hub's database.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS[role])
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


backup_app = typer.Typer(help="Back up and restore the database, ledger, uploads and keys.")


@backup_app.command("create")
def backup_create(
    out: Path = typer.Option(..., "--out", help="The backup file to write (.tar.gz)."),
    home: Path = HomeOption,
) -> None:
    """Write one file: the database (SQLite online copy or pg_dump), ledger, uploads, keys."""
    use_home(home)
    _django()
    from torturefree_service.ops.backup import backup_create as create

    print_json(create(out))


@backup_app.command("restore")
def backup_restore(
    archive: Path = typer.Argument(..., help="A file written by `backup create`."),
    force: bool = typer.Option(False, "--force", help="Replace an existing database."),
    home: Path = HomeOption,
) -> None:
    """Restore a backup into this home (stop the service first); checks every member's hash."""
    use_home(home)
    with exit_codes():
        from torturefree.cli.service_cmd import SETTINGS

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS["node"])
        import django

        django.setup()
        from torturefree_service.ops.backup import backup_restore as restore

        try:
            done = restore(archive, force=force)
        except (ValueError, OSError) as error:
            raise InputError(str(error), field="archive") from error
    print_json(done)


account_app = typer.Typer(help="Operators' help for an account (second factor).")


@account_app.command("otp-reset")
def account_otp_reset(
    username: str = typer.Argument(..., help="The account whose device was lost."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the audit trail)."),
    home: Path = HomeOption,
) -> None:
    """Remove an account's second-factor devices and recovery codes (a lost phone, no recovery
    code left); at its next sign-in it enrols again where its role needs one. Audited."""
    use_home(home)
    _django()
    from torturefree_service.errors import ServiceError
    from torturefree_service.ops.otp import reset

    with exit_codes():
        try:
            done = reset(username, reason)
        except ServiceError as error:
            raise InputError(error.message, field=error.field) from error
    print_json(done)


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
    app.add_typer(backup_app, name="backup")
    app.add_typer(account_app, name="account")
