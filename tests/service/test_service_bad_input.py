"""Bad input gets a 4xx with {"error": {code, message, field}}; never a 500 (schemathesis too)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

BAD_BODIES = [
    "",
    "{",
    "[1, 2",
    "null",
    "42",
    '"text"',
    "[]",
    "{}",
    '{"unknown": 1}',
    '{"goods": "x"}',
    "[{}]",
    '{"quantity": 1e999}',
    '{"lines": [{"quantity": -1}]}',
    '{"destination": "ZZ", "type": "individual_export"}',
]
POSTS = [
    "/determinations",
    "/classifications",
    "/screenings",
    "/applications",
    "/denials/import",
    "/organisations",
    "/users",
    "/auth/token",
    "/cases/1/decision",
]


def shape(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "field"}, body
    return dict(body["error"])


@pytest.mark.parametrize("path", POSTS)
def test_malformed_bodies_are_4xx_in_the_error_shape(world: dict[str, Any], path: str) -> None:
    for role in ("trader", "admin", "senior"):
        for raw in BAD_BODIES:
            response = world["api"][role].post(path, raw=raw)
            assert 400 <= response.status_code < 500, (role, path, raw, response.content[:200])
            shape(response)


def test_an_error_names_its_field(world: dict[str, Any]) -> None:
    body = {
        "type": "individual_export",
        "destination": "BR",
        "lines": [{"description": "x", "quantity": -1}],
    }
    error = shape(world["api"]["trader"].post("/applications", body))
    assert error["field"] == "lines[0].quantity"
    error = shape(
        world["api"]["trader"].post("/applications", {**body, "lines": [], "destination": "ZZ"})
    )
    assert error["field"] == "destination"
    tx = {"jurisdiction": "EU", "activity": "export", "goods": [{}]}
    assert shape(world["api"]["trader"].post("/determinations", [tx]))["field"] == "[0].goods[0]"


def test_a_denial_csv_with_a_carriage_return_in_a_row_is_4xx(world: dict[str, Any]) -> None:
    # Schemathesis found this answering 500 (csv: "new-line character seen in unquoted field").
    content = "reference,decided_on\r\nab\rc,2025-01-01\n"
    response = world["api"]["senior"].post("/denials/import", {"format": "csv", "content": content})
    assert 400 <= response.status_code < 500, response.content[:300]
    assert shape(response)["field"].startswith("rows[")


def test_an_unknown_token_is_401_in_the_error_shape(world: dict[str, Any]) -> None:
    from conftest import Api

    assert shape(Api("nonsense").get("/cases"))["code"] == "unauthenticated"


@pytest.fixture
def keep_connection() -> Any:
    """Like Django's test client: the WSGI request must not close the test's DB connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_500_to_generated_input(
    case: Any, world: dict[str, Any], keep_connection: None
) -> None:
    """Generated bodies, parameters and paths for every operation, as a senior officer and trader."""
    for role in ("senior", "trader"):
        token = world["api"][role].headers["HTTP_AUTHORIZATION"]
        response = case.call(headers={"Authorization": token})
        assert response.status_code < 500, (case.operation.label, response.text[:300])
        if response.status_code >= 400 and response.headers.get("Content-Type", [""])[0].startswith(
            "application/json"
        ):
            body = response.json()
            assert set(body["error"]) == {"code", "message", "field"}, body


def test_numbers_beyond_the_database_are_4xx(world: dict[str, Any]) -> None:
    huge = 2**70
    for path in (f"/cases/{huge}", f"/licences/{huge}", f"/applications/{huge}"):
        response = world["api"]["senior"].get(path)
        assert 400 <= response.status_code < 500, path
    response = world["api"]["senior"].get("/denials", page=184467440737095518)
    assert response.status_code == 200
