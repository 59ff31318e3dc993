"""Logins for `torturefree exchange demo` in one node's own database (run as a module by the
demo, with the node's environment): an exporter organisation, a trader, a caseworker and a
senior officer, each with the bearer token the demo chose (read as JSON from stdin).

    echo '{"trader": "tf_...", "caseworker": "tf_...", "senior": "tf_..."}' |
        TORTUREFREE_HOME=... python -m torturefree_service.exchange.demo_logins FR
"""

from __future__ import annotations

import json
import secrets
import sys

ROLES = {"trader": "trader", "caseworker": "caseworker", "senior": "senior_officer"}


def demo_logins(state: str, tokens: dict[str, str]) -> None:
    """One login per demo role (idempotent), each with its token."""
    from torturefree_service.organisations.models import Organisation, Person
    from torturefree_service.organisations.services import person_create, token_issue

    organisation, _ = Organisation.objects.get_or_create(
        name=f"Demo exporter of {state}",
        defaults={"kind": "exporter", "country": state, "status": "active"},
    )
    for username, role in ROLES.items():
        person = Person.objects.filter(user__username=username).first() or person_create(
            username=username,
            password=secrets.token_urlsafe(24),
            role=role,
            organisation=organisation if role == "trader" else None,
        )
        token_issue(person=person, label="exchange demo", secret=tokens[username])


def main() -> None:
    import django

    django.setup()
    tokens = json.loads(sys.stdin.read())
    missing = sorted(set(ROLES) - set(tokens))
    if missing:
        raise SystemExit(f"tokens: missing {', '.join(missing)}")
    demo_logins(sys.argv[1], tokens)


if __name__ == "__main__":
    main()
