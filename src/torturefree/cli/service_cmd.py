"""`torturefree serve` and `torturefree demo`: the licensing service (torturefree_service/, Django)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, stderr, use_home
from torturefree.errors import InputError

SETTINGS = {"node": "torturefree_service.settings", "hub": "torturefree_service.hub_settings"}


def _django() -> None:
    """Settings from the environment, database migrated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS["node"])
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _start_up() -> int:
    """What serve does before answering: expiries due, and what a crash left pending."""
    from torturefree_service.audit.services import audit_flush
    from torturefree_service.licences.services import licence_expire_due
    from torturefree_service.reporting.services import store_flush

    expired = int(licence_expire_due())
    # Whatever a crash left pending after its commit reaches the ledger and the store now.
    audit_flush()
    store_flush()
    return expired


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    home: Path = HomeOption,
    workers: int = typer.Option(2, "--workers", min=1, help="Server processes (2 for 2 cores)."),
    threads: int | None = typer.Option(
        None,
        "--threads",
        min=1,
        help="Threads per server process (default: 4 on SQLite, 12 on PostgreSQL).",
    ),
    backlog: int = typer.Option(
        128, "--backlog", min=1, help="Connections waiting to be accepted."
    ),
    queue_worker: bool = typer.Option(
        True, "--worker/--no-worker", help="Also run `torturefree worker` (off: run it apart)."
    ),
    role: str = typer.Option(
        "node", "--role", help="node or hub (ignored when DJANGO_SETTINGS_MODULE is set)."
    ),
    dev: bool = typer.Option(
        False, "--dev", help="Django's development server (not for production)."
    ),
) -> None:
    """Start the licensing service (gunicorn): pages, API at /api/v1/, health at /healthz."""
    use_home(home)
    with exit_codes():
        if role not in SETTINGS:
            raise InputError(f"must be one of {', '.join(SETTINGS)}", field="--role")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS[role])
        _django()
    from django.core.management import call_command

    expired = _start_up()
    call_command("collectstatic", interactive=False, verbosity=0)
    summary = f"{expired} licences expired, settings {os.environ['DJANGO_SETTINGS_MODULE']}"
    stderr.print(
        f"torturefree service on http://{host}:{port}/api/v1/ "
        f"(OpenAPI: /api/v1/openapi.json, docs: /api/v1/docs; {summary})"
    )
    worker = _spawn_worker(home) if queue_worker else None
    try:
        if dev:
            _serve_dev(host, port)
        else:
            _serve_production(host, port, workers, threads, backlog)
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)  # the cluster finishes its tasks in flight
            worker.wait(timeout=90)


def _spawn_worker(home: Path | None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "torturefree.cli.main", "worker"]
    return subprocess.Popen(
        command + (["--home", str(home)] if home else []), preexec_fn=_stop_with_parent
    )


def _stop_with_parent() -> None:
    """Linux: the worker gets SIGTERM when serve dies, even by SIGKILL (no orphan left)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve_dev(host: str, port: int) -> None:
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    stderr.print(f"torturefree ready (development server) on http://{host}:{port}/")
    run(host, port, get_wsgi_application(), threading=True)


def _serve_production(
    host: str, port: int, workers: int, threads: int | None, backlog: int
) -> None:
    from django.db import connections
    from torturefree_service.ops.server import ServerOptions, default_threads, run

    threads = threads or default_threads(connections["default"].vendor)
    connections.close_all()  # nothing opened here is carried into the forked processes
    options = ServerOptions(host, port, workers=workers, threads=threads, backlog=backlog)
    label = f"gunicorn, {workers} processes x {threads} threads"

    def ready() -> None:
        stderr.print(f"torturefree ready ({label}) on http://{host}:{port}/")

    def stopped() -> None:
        stderr.print("torturefree stopped (requests in flight were finished)")

    run(options, ready, stopped)


def demo(home: Path = HomeOption) -> None:
    """Load demo organisations, logins, applications in every state, licences and denials."""
    use_home(home)
    _django()
    from torturefree_service.audit.services import audit_flush
    from torturefree_service.demo import evidence_folder, load_demo, load_demo_evidence
    from torturefree_service.reporting.services import store_flush

    logins = load_demo()
    audit_flush()
    store_flush()
    folder = evidence_folder()
    imported = load_demo_evidence(folder)
    if folder is None:
        stderr.print("no evidence folder (set TORTUREFREE_SHARED_DATA): country facts not loaded")
    else:
        changed = [i["dataset"] for i in imported if i["changed"]]
        stderr.print(f"country facts from {folder}: {', '.join(changed) or 'unchanged'}")
    typer.echo("Demo logins (password / bearer token):")
    for login in logins:
        typer.echo(
            f"  {login['username']:<11} {login['role']:<15} {login['password']}  "
            f"Authorization: Bearer {login['token']}"
        )


def rescreen_cases(
    watchlist: str = typer.Option(..., "--watchlist", help="Watchlist name (as imported)."),
    old: int | None = typer.Option(None, "--from", help="Old version (default: the one before)."),
    new: int | None = typer.Option(None, "--to", help="New version (default: the latest)."),
    home: Path = HomeOption,
) -> None:
    """Re-screen the parties and applicants of open cases and valid licences; hits become alerts."""
    use_home(home)
    with exit_codes():
        _django()
        from torturefree_service.audit.services import audit_flush
        from torturefree_service.checks.rescreening import cases_rescreen
        from torturefree_service.errors import ServiceError

        try:
            result = cases_rescreen(watchlist=watchlist, old=old, new=new)
        except ServiceError as error:
            raise InputError(error.message, field=error.field or "--watchlist") from error
        audit_flush()
        print_json(result)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("demo")(demo)
    app.command("rescreen-cases")(rescreen_cases)
