"""`torturefree serve` and `torturefree demo`: the licensing service (torturefree_service/, Django)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, stderr, use_home
from torturefree.errors import InputError


def _django() -> None:
    """Settings from the environment, database migrated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torturefree_service.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    home: Path = HomeOption,
) -> None:
    """Start the licensing service: API at /api/v1/ (OpenAPI at /api/v1/openapi.json)."""
    use_home(home)
    _django()
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from torturefree_service.audit.services import audit_flush
    from torturefree_service.licences.services import licence_expire_due
    from torturefree_service.reporting.services import store_flush

    expired = licence_expire_due()
    # Whatever a crash left pending after its commit reaches the ledger and the store now.
    audit_flush()
    store_flush()
    stderr.print(
        f"torturefree service on http://{host}:{port}/api/v1/ "
        f"(OpenAPI: /api/v1/openapi.json, docs: /api/v1/docs; {expired} licences expired)"
    )
    run(host, port, get_wsgi_application(), threading=True)


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
