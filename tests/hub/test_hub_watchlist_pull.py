"""A node pulls the hub's shared watchlist (seed ¶109) and verifies it before importing: a real
hub process publishes a signed version; KE's node (its own home, the hub's signed directory
loaded) runs `watchlist pull`, which the worker also runs hourly, and screens against it. A file
that is not the one signed, a signature that does not verify, a key the hub does not list and an
older version are each refused with the node's watchlist unchanged."""

from __future__ import annotations

import copy
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from torturefree.exchange import Node
from torturefree.screening.hub_watchlist import (
    WatchlistRefused,
    held_release,
    import_release,
    verify_release,
)
from torturefree.screening.store import WatchlistStore

from .hubkit import Hub, port_for, run
from .test_hub_watchlist import LISTING, _screen


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    root = tmp_path_factory.mktemp("pull")
    hub = Hub(root / "HUB", port_for(8))
    hub.join("HUB", "--name", "Monitoring body", url=hub.url)
    hub.join("KE", "--name", "KE authority", "--profile", "UN-A+DP")
    run(hub.home, "hub", "directory", "publish", "--out", str(root / "directory.json"))
    hub.start()
    url = hub.url + "/exchange/v1/directory"
    run(hub.states["KE"], "exchange", "directory", "load", url, "--hub-key", hub.key)
    yield hub
    hub.stop()


def _list(hub: Hub, tmp: Path, reference: str, name: str) -> int:
    proposal = tmp / f"{reference}.json"
    body = {"action": "propose", "reference": reference, "listing": {**LISTING, "name": name}}
    proposal.write_text(json.dumps(body))
    made = json.loads(
        run(hub.home, "hub", "watchlist", "propose", str(proposal), "--by", "analyst-a").stdout
    )
    for reviewer in ("analyst-b", "analyst-c"):
        run(
            hub.home,
            "hub",
            "watchlist",
            "review",
            str(made["listing"]),
            "--by",
            reviewer,
            "--approve",
        )
    return int(json.loads(run(hub.home, "hub", "watchlist", "publish").stdout)["version"])


def _pull(node: Path, *args: str) -> dict[str, object]:
    return dict(json.loads(run(node, "watchlist", "pull", *args).stdout))


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return bytes(answer.read())


def test_a_node_pulls_verifies_imports_and_screens_the_hub_watchlist(
    hub: Hub, tmp_path: Path
) -> None:
    node = hub.states["KE"]
    first = _list(hub, tmp_path, "HUB-P1", "Voltaic Restraints Trading Ltd")
    pulled = _pull(node)
    assert pulled["imported"] is True and pulled["version"] == first
    assert pulled["hub"] == hub.url
    matches = _screen(node, "Voltaic Restraints Trading Limited", tmp_path)
    assert matches and matches[0]["entity_id"] == "hub-wl-hub-HUB-P1"
    assert _pull(node)["imported"] is False  # the same version again: nothing to do

    second = _list(hub, tmp_path, "HUB-P2", "Gamma Cuffs SA")
    by_hand = _pull(node, "--hub", hub.url, "--key", hub.key)
    assert by_hand["imported"] is True and by_hand["version"] == second
    assert _screen(node, "Gamma Cuffs SA", tmp_path)

    ke_key = Node(node).entry().keys[0].public_key  # a real key, not the hub's
    refused = run(node, "watchlist", "pull", "--hub", hub.url, "--key", ke_key, check=False)
    assert refused.returncode == 2 and "does not verify" in refused.stderr


def test_a_release_that_is_not_the_hub_signed_one_is_refused(hub: Hub, tmp_path: Path) -> None:
    node = hub.states["KE"]
    older = _list(hub, tmp_path, "HUB-P3", "Orion Batons GmbH")
    version = _list(hub, tmp_path, "HUB-P4", "Atlas Shackles Ltd")
    signed = json.loads(_fetch(f"{hub.url}/watchlist/{version}.signature.json"))
    content = _fetch(f"{hub.url}/watchlist/{version}.csv")
    keys = [Node(hub.home).entry().keys[0]]
    assert verify_release(signed, keys)["version"] == version
    checks = []
    for tampered_signed, tampered_content in (
        (signed, content.replace(b"Atlas Shackles Ltd", b"Atlas Shackles Ltx")),
        (_with(signed, listed=99), content),
        (_with(signed, key_id="someone-else"), content),
    ):
        with pytest.raises(WatchlistRefused) as refused:
            import_release(node, tampered_signed, tampered_content, keys)
        checks.append(refused.value.check)
    assert checks == ["sha256", "signature", "signature"]
    assert held_release(node)["version"] < version  # type: ignore[index]
    assert import_release(node, signed, content, keys)["imported"] is True

    store = WatchlistStore(node)
    before = [v.to_dict() for v in store.versions()]
    old_signed = json.loads(_fetch(f"{hub.url}/watchlist/{older}.signature.json"))
    with pytest.raises(WatchlistRefused) as refused:
        import_release(node, old_signed, _fetch(f"{hub.url}/watchlist/{older}.csv"), keys)
    assert refused.value.check == "rollback"
    assert [v.to_dict() for v in store.versions()] == before
    assert held_release(node) == signed["release"]


def _with(signed: dict[str, Any], **changes: object) -> dict[str, Any]:
    out = copy.deepcopy(signed)
    out["release"].update(changes)
    return out


def test_a_node_imports_the_signed_followthemoney_file_and_refuses_a_changed_one(
    hub: Hub, tmp_path: Path
) -> None:
    node = hub.states["KE"]
    version = _list(hub, tmp_path, "HUB-P5", "Vega Leg Irons SRL")
    signature = tmp_path / "release.json"
    signature.write_bytes(_fetch(f"{hub.url}/watchlist/{version}.signature.json"))
    ftm = tmp_path / "hub.ftm.json"
    ftm.write_bytes(_fetch(f"{hub.url}/watchlist/{version}.ftm.json"))
    assert ftm.read_bytes() == _fetch(f"{hub.url}/watchlist/watchlist.ftm.json")
    args = ["watchlist", "import", "--format", "ftm", "--name", "hub-ftm", str(ftm)]
    changed = tmp_path / "changed.ftm.json"
    changed.write_text(ftm.read_text().replace("Vega Leg Irons SRL", "Vega Leg Irons SRX"))
    refused = run(node, *args[:-1], str(changed), "--signature", str(signature), check=False)
    assert refused.returncode == 2 and "not the one the hub signed" in refused.stderr
    assert "hub-ftm" not in run(node, "watchlist", "list").stdout  # nothing imported
    done = json.loads(run(node, *args, "--signature", str(signature)).stdout)
    assert done["verified_release"] == version
    query = tmp_path / "parties.jsonl"
    query.write_text(json.dumps({"id": "p1", "name": "Vega Leg Irons SRL", "schema": "Company"}))
    screened = run(node, "screen", str(query), "--watchlist", "hub-ftm", check=False)
    assert json.loads(screened.stdout.splitlines()[0])["matches"]
    as_csv = run(
        node,
        *args[:2],
        "--format",
        "torture-csv",
        "--name",
        "x",
        str(ftm),
        "--signature",
        str(signature),
        check=False,
    )
    assert as_csv.returncode == 2 and "not the one the hub signed" in as_csv.stderr
