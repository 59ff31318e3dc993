"""The public "what changes on <date>" page and feed read the law the node uses: a release that
adds an entry from a future day shows it on that day and on no other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from tests.lists.release_kit import FUTURE, FUTURE_ENTRY, add_future_entry, data_copy
from torturefree_service.checks import engines


@pytest.fixture
def future_law(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Any) -> Iterator[None]:
    root = data_copy(tmp_path)
    add_future_entry(root)
    monkeypatch.setenv("TORTUREFREE_DATA", str(root))
    engines.reset()
    yield
    engines.reset()


def test_the_day_an_entry_applies_the_page_and_the_feed_show_it(future_law: None) -> None:
    client = Client()
    page = client.get("/lists/changes-on", {"on": FUTURE.isoformat()})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Restraint frames (a test entry)" in html
    assert "Test decision of the expert mechanism, item 9.1" in html
    assert 'type="application/feed+json"' in html
    feed = client.get("/lists/changes-on.json", {"on": FUTURE.isoformat()})
    assert feed["Content-Type"] == "application/feed+json"
    body = feed.json()
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["_torturefree"]["entry"] for i in body["items"]] == [FUTURE_ENTRY]
    quiet = client.get("/lists/changes-on", {"on": "2027-03-02"}).content.decode()
    assert "Nothing changes on 2027-03-02" in quiet
    french = client.get("/lists/changes-on", {"on": "2027-03-02"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Ce qui change" in french.content.decode()


def test_a_bad_day_is_refused_naming_the_field(future_law: None) -> None:
    client = Client()
    assert client.get("/lists/changes-on", {"on": "soon"}).status_code == 400
    refused = client.get("/lists/changes-on.json", {"on": "soon"})
    assert refused.status_code == 400 and refused.json()["field"] == "on"
