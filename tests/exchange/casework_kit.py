"""Case work on real nodes: logins made in the node's own database, officers acting over its API.

seed(node)                         # an exporter and trader, caseworker, senior, senior2
api = NodeApi(node, "caseworker")  # bearer token of that login, JSON in and out
status, body = api.post("/cases/1/advice", {"recommendation": "grant"})
wait_for(lambda: api.get("/exchange/notices")[1]["count"] == 1, "the notice")
sent_messages(node)                # every message the node queued, as the raw signed bytes
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from tests.exchange.nodes import NodeProcess

from torturefree.exchange.demo_story import application
from torturefree.exchange.local_nodes import api_call, poll

ROLES = {
    "trader": "trader",
    "caseworker": "caseworker",
    "senior": "senior_officer",
    "senior2": "senior_officer",
}
# Words an officer writes that must never leave the node (issue #13 item 5).
INTERNAL_NOTE = "INTERNAL-NOTE-do-not-send-7731"

_SEED = """
import django, json, sys
django.setup()
from torturefree_service.organisations.models import Organisation
from torturefree_service.organisations.services import person_create, token_issue
state = sys.argv[1]
org, _ = Organisation.objects.get_or_create(
    name=f"Exporter of {state} SARL", defaults={"kind": "exporter", "country": state,
    "status": "active", "eori": f"{state}123456789"})
roles = json.loads(sys.argv[2])
for username, role in roles.items():
    person = person_create(username=username, password="test-password-1", role=role,
                           organisation=org if role == "trader" else None)
    token_issue(person=person, label="test", secret=f"test-{state}-{username}")
"""

_DUMP = """
import django, base64, json
django.setup()
from torturefree_service.exchange.models import OutboxMessage
print(json.dumps([base64.b64encode(bytes(m.raw)).decode() for m in OutboxMessage.objects.all()]))
"""


def seed(node: NodeProcess) -> None:
    """An exporter organisation and one login per role, in the node's database."""
    node.python(_SEED, node.state, json.dumps(ROLES))


def sent_messages(node: NodeProcess) -> list[bytes]:
    """Every message the node queued, as the signed bytes it sends (and re-sends)."""
    return [base64.b64decode(raw) for raw in json.loads(node.python(_DUMP))]


class NodeApi:
    """One login's view of a node's /api/v1 over HTTP."""

    def __init__(self, node: NodeProcess, username: str) -> None:
        self.node = node
        self.token = f"test-{node.state}-{username}"

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        return api_call(self.node.url, self.token, method, path, body)

    def get(self, path: str) -> tuple[int, Any]:
        return self.call("GET", path)

    def post(self, path: str, body: Any = None) -> tuple[int, Any]:
        return self.call("POST", path, body if body is not None else {})


def wait_for(check: Callable[[], Any], what: str, timeout: float = 120.0) -> Any:
    """Poll `check` until it gives something true (delivery runs in the nodes' workers)."""
    found = poll(check, timeout)
    assert found, f"timed out waiting for {what}"
    return found


def stun_guns(destination: str, end_user: str, **overrides: Any) -> dict[str, Any]:
    """The demo story's application (the same body `torturefree exchange demo` sends)."""
    return application(destination, end_user, **overrides)


def open_case(node: NodeProcess, application: dict[str, Any], note: str = INTERNAL_NOTE) -> int:
    """The trader applies and submits; the caseworker takes the case and writes a note."""
    trader, caseworker = NodeApi(node, "trader"), NodeApi(node, "caseworker")
    status, created = trader.post("/applications", application)
    assert status == 201, created
    status, submitted = trader.post(f"/applications/{created['id']}/submit")
    assert status == 200, submitted
    case_id = int(submitted["case"]["id"])
    assert caseworker.post(f"/cases/{case_id}/assign", {"assignee": "caseworker"})[0] == 200
    assert caseworker.post(f"/cases/{case_id}/notes", {"text": note})[0] == 201
    return case_id


def advise(node: NodeProcess, case_id: int, recommendation: str, reasons: list[str]) -> None:
    status, body = NodeApi(node, "caseworker").post(
        f"/cases/{case_id}/advice", {"recommendation": recommendation, "reasons": reasons}
    )
    assert status == 201, body
