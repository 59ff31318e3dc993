"""The API in the user's language (#18, item 5): stable codes, labels beside them on request."""

from __future__ import annotations

from typing import Any

from servicekit import stun_gun_application
from test_service_story import submit


def test_accept_language_adds_labels_and_changes_no_machine_field(world: dict[str, Any]) -> None:
    trader = world["api"]["trader"]
    application = submit(trader, stun_gun_application())
    path = f"/api/v1/applications/{application['id']}"
    plain = trader.client.get(path, **trader.headers)
    french = trader.client.get(path, HTTP_ACCEPT_LANGUAGE="fr", **trader.headers)
    arabic = trader.client.get(path, HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5", **trader.headers)
    assert "labels" not in plain.json()  # a client that asks for no language gets the codes
    for response in (french, arabic):
        body = dict(response.json())
        labels = body.pop("labels")
        assert body == plain.json()  # the machine fields are the same in every language
        assert body["status"] == "submitted" and "submitted" in labels["status"]
    fr, ar = french.json()["labels"], arabic.json()["labels"]
    assert french["Content-Language"] == "fr" and arabic["Content-Language"] == "ar"
    assert fr["status"]["submitted"] == "Déposée"
    assert fr["type"]["individual_export"].startswith("Autorisation")
    destination = plain.json()["destination"]
    assert fr["country"][destination] != destination and ar["country"][destination] != destination
    assert fr["country"][destination] != ar["country"][destination]


def test_the_openapi_document_is_left_as_it_is(world: dict[str, Any]) -> None:
    schema = world["anonymous"].client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="fr")
    assert schema.status_code == 200 and "labels" not in schema.json()
