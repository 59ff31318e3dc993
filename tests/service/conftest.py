"""Service tests: Django on SQLite (default) or on PostgreSQL when DATABASE_URL is set."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# State for the whole session in a temporary home, unless the caller chose one.
_HOME = Path(tempfile.mkdtemp(prefix="tf-service-"))
os.environ.setdefault("TORTUREFREE_HOME", str(_HOME))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torturefree_service.settings")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    # The SQLite test database lives in memory; the ledger needs a file of its own.
    os.environ.setdefault("TORTUREFREE_LEDGER_URL", str(_HOME / "ledger.sqlite3"))

import django  # noqa: E402

django.setup()

from django.conf import settings as _settings  # noqa: E402

# Fast password hashing: the tests create many logins; production keeps Django's default.
_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

import pytest  # noqa: E402
from django.test import Client  # noqa: E402
from torturefree_service.audit.ledger import close_ledgers  # noqa: E402
from torturefree_service.organisations.models import Organisation, Person  # noqa: E402
from torturefree_service.organisations.services import person_create, token_issue  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _ledger_closed(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Close the ledger's own connection before pytest-django drops the test database."""
    yield
    close_ledgers()


class Api:
    """A test client that speaks JSON with a bearer token."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path: str, body: Any = None, raw: str | None = None) -> Any:
        import json

        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(
            f"/api/v1{path}", data, content_type="application/json", **self.headers
        )

    def patch(self, path: str, body: Any) -> Any:
        import json

        return self.client.patch(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", **self.headers
        )


def make_person(username: str, role: str, organisation: Organisation | None = None) -> Person:
    return person_create(
        username=username, password="demo-password", role=role, organisation=organisation
    )


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Two vetted traders' organisations and one person per role, each with a token."""
    acme = Organisation.objects.create(
        name="Acme Security Exports GmbH", kind="exporter", country="DE", status="active"
    )
    other = Organisation.objects.create(
        name="Other Trading BV", kind="exporter", country="NL", status="active"
    )
    museum = Organisation.objects.create(
        name="Museum of Penal History", kind="museum", country="DE", status="active"
    )
    people = {
        "trader": make_person("trader", "trader", acme),
        "trader2": make_person("trader2", "trader", other),
        "curator": make_person("curator", "trader", museum),
        "caseworker": make_person("caseworker", "caseworker"),
        "senior": make_person("senior", "senior_officer"),
        "senior2": make_person("senior2", "senior_officer"),
        "auditor": make_person("auditor", "auditor"),
        "admin": make_person("admin", "administrator"),
    }
    apis = {name: Api(token_issue(person=p)) for name, p in people.items()}
    return {
        "orgs": {"acme": acme, "other": other, "museum": museum},
        "people": people,
        "api": apis,
        "anonymous": Api(None),
    }
