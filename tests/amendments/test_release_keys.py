"""The hub's release signing key rotates, on a real hub process: a node fetches with the hub's keys
from the directory it holds (no --key); after `exchange keys rotate` on the hub and a new
directory, the next release is signed with the new key and fetched; a release signed with the old
key after it ended, or with a key the hub never listed, is refused and the node keeps its release.
The scheduled job's own function (`releases fetch`) does the same without being told anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.hub.hubkit import Hub, port_for, run
from tests.lists.release_kit import Hub as Signer
from tests.lists.release_kit import data_copy, release

from torturefree.exchange import Node
from torturefree.exchange.keys import Keyring
from torturefree.lists.release_archive import read_archive


def keys(home: Path) -> list[dict[str, Any]]:
    return list(json.loads(run(home, "exchange", "keys", "list").stdout))


def touched(root: Path, name: str) -> Path:
    """A copy of data/ whose content (hence release id) differs by one comment line."""
    data = data_copy(root, name)
    path = data / "parameters" / "records-retention.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"# {name}\n", encoding="utf-8")
    return data


def fetch(node: Path, check: bool = True) -> Any:
    done = run(node, "lists", "release", "fetch", check=check)
    return json.loads(done.stdout) if check else done


def current(node: Path) -> str:
    return str(json.loads(run(node, "lists", "release", "list").stdout)["current"])


@pytest.fixture(scope="module")
def rotated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("rotate")
    hub = Hub(root / "HUB", port_for(6))
    hub.join("HUB", "--name", "Monitoring body", "--url", hub.url, "--valid-from", "2026-01-01")
    hub.join("NL", "--name", "NL authority")
    hub.join("KE", "--name", "KE authority")
    run(hub.home, "hub", "directory", "publish")
    first = root / "r1.tar"
    run(
        hub.home,
        "lists",
        "release",
        "build",
        "--out",
        str(first),
        "--data",
        str(touched(root, "d1")),
    )
    run(hub.home, "amendments", "publish", str(first))
    hub.start()
    try:
        node = hub.states["NL"]
        directory = hub.url + "/exchange/v1/directory"
        run(node, "exchange", "directory", "load", directory, "--hub-key", hub.key)
        facts: dict[str, Any] = {"hub": hub, "node": node, "root": root, "old": keys(hub.home)[0]}
        facts["first"] = fetch(node)
        today = dt.datetime.now(dt.UTC).date().isoformat()
        run(hub.home, "exchange", "keys", "rotate", "--valid-from", today)
        entry = root / "HUB.entry.json"
        entry.write_text(run(hub.home, "exchange", "entry").stdout, encoding="utf-8")
        run(hub.home, "hub", "participant", "add", str(entry))
        run(hub.home, "hub", "directory", "publish")
        facts["new"] = next(k for k in keys(hub.home) if k["key_id"] != facts["old"]["key_id"])
        new_key = facts["new"]["public_key"]  # told to the node out of band, as the first one was
        run(node, "exchange", "directory", "load", directory, "--hub-key", new_key)
        second = root / "r2.tar"
        data = touched(root, "d2")
        build = ("lists", "release", "build", "--out", str(second), "--data", str(data))
        run(hub.home, *build, "--previous", str(first))
        run(hub.home, "amendments", "publish", str(second))
        facts["second"] = fetch(node)
        facts["r2"] = second
        yield facts
    finally:  # a failing setup stops the hub too
        hub.stop()


def test_the_node_fetches_with_the_directory_keys_across_a_rotation(
    rotated: dict[str, Any],
) -> None:
    first, second = rotated["first"], rotated["second"]
    assert first["loaded"] is True and first["key_id"] == rotated["old"]["key_id"]
    assert second["loaded"] is True and second["key_id"] == rotated["new"]["key_id"]
    assert second["previous"] == first["release"]
    assert current(rotated["node"]) == second["release"]
    assert fetch(rotated["node"])["loaded"] is False  # the current one again: nothing to do


def _forged(rotated: dict[str, Any], name: str, signer: Signer) -> Path:
    out = rotated["root"] / f"{name}.tar"
    previous = read_archive(rotated["r2"])
    release(touched(rotated["root"], name), signer, out, previous)
    return Path(out)


def test_a_release_signed_with_the_old_key_after_it_ended_is_refused(
    rotated: dict[str, Any],
) -> None:
    hub: Hub = rotated["hub"]
    old = Keyring(hub.home).load(rotated["old"]["key_id"])
    forged = _forged(rotated, "old-key", Signer(old, old.public))
    refused = run(rotated["node"], "lists", "release", "load", str(forged), check=False)
    assert refused.returncode == 2
    assert "refused (signature)" in refused.stderr and "not at the release's issued_at" in (
        refused.stderr
    )
    assert current(rotated["node"]) == rotated["second"]["release"]


def test_a_release_signed_with_a_key_the_hub_never_listed_is_refused(
    rotated: dict[str, Any],
) -> None:
    state = Node(rotated["node"]).signing_key()
    posing = dataclasses.replace(state.public, key_id="HUB-forged")
    forged = _forged(
        rotated, "other-key", Signer(dataclasses.replace(state, public=posing), posing)
    )
    refused = run(rotated["node"], "lists", "release", "load", str(forged), check=False)
    assert refused.returncode == 2
    assert "refused (signature)" in refused.stderr and "which the hub does not list" in (
        refused.stderr
    )
    assert current(rotated["node"]) == rotated["second"]["release"]


def test_the_scheduled_fetch_loads_the_hubs_release_and_applies_it_at_once(
    rotated: dict[str, Any],
) -> None:
    hub: Hub = rotated["hub"]
    node = hub.states["KE"]
    alone = json.loads(run(node, "releases", "fetch").stdout)
    assert alone["fetched"] is False and "exchange directory load" in alone["reason"]
    directory = hub.url + "/exchange/v1/directory"
    run(node, "exchange", "directory", "load", directory, "--hub-key", rotated["new"]["public_key"])
    fetched = json.loads(run(node, "releases", "fetch").stdout)
    assert fetched["fetched"] is True and fetched["loaded"] is True, fetched
    assert fetched["release"] == rotated["second"]["release"]
    assert fetched["key_id"] == rotated["new"]["key_id"]
    assert fetched["applied"]["release"] == rotated["second"]["release"]  # applied for today
    assert current(node) == rotated["second"]["release"]
    again = json.loads(run(node, "releases", "fetch").stdout)
    assert again["loaded"] is False and "applied" not in again
