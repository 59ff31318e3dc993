"""`torturefree serve` and `torturefree demo`: the licensing service (service/, Django)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from torturefree.cli.common import HomeOption, stderr, use_home


def _django() -> None:
    """Settings from the environment, database migrated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "service.settings")
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
    from service.audit.services import audit_flush
    from service.licences.services import licence_expire_due
    from service.reporting.services import store_flush

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
    from service.audit.services import audit_flush
    from service.demo import load_demo
    from service.reporting.services import store_flush

    logins = load_demo()
    audit_flush()
    store_flush()
    typer.echo("Demo logins (password / bearer token):")
    for login in logins:
        typer.echo(
            f"  {login['username']:<11} {login['role']:<15} {login['password']}  "
            f"Authorization: Bearer {login['token']}"
        )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("demo")(demo)
