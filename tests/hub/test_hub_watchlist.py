"""The shared watchlist on a real hub: a state's signed proposal, four-eyes review, a signed
version a node imports and screens a party against, removal with its reason, bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from torturefree.exchange.canonical import canonical
from torturefree.exchange.publickey import decode_public, unb64url

from .hubkit import Hub, run

LISTING: dict[str, Any] = {
    "kind": "company",
    "name": "Voltaic Restraints Trading Ltd",
    "aliases": ["VRT Ltd"],
    "country": "GB",
    "identifiers": ["GB-CH-07654321"],
    "reason": "Offered electric-shock belts (no practical use other than torture) for export.",
    "source": "FR customs authority",
    "evidence": [
        {
            "title": "Sales offer to a prison service",
            "source": "FR customs inspection report 2025-117",
            "date": "2025-10-02",
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        }
    ],
    "review_on": "2027-10-01",
}


def _send(hub: Hub, state: str, body: dict[str, Any]) -> dict[str, Any]:
    receipt = hub.post(hub.message(state, body, type="watchlist_update").raw)
    return dict(receipt["envelope"]["body"])


def _listings(hub: Hub) -> list[dict[str, Any]]:
    return list(json.loads(run(hub.home, "hub", "watchlist", "list").stdout))


def _review(hub: Hub, number: int, by: str, *flags: str) -> Any:
    return run(hub.home, "hub", "watchlist", "review", str(number), "--by", by, *flags, check=False)


def _screen(home: Path, name: str, tmp: Path) -> list[dict[str, Any]]:
    query = tmp / "parties.jsonl"
    query.write_text(json.dumps({"id": "p1", "name": name, "schema": "Company"}) + "\n")
    done = run(home, "screen", str(query), "--watchlist", "hub", check=False)
    return list(json.loads(done.stdout.splitlines()[0])["matches"])


def test_a_proposal_is_reviewed_published_imported_and_screened(hub: Hub, tmp_path: Path) -> None:
    body = {"action": "propose", "reference": "FR-WL-1", "listing": LISTING}
    assert _send(hub, "FR", body)["status"] == "accepted"
    listing = next(r for r in _listings(hub) if r["id"] == "hub-wl-fr-FR-WL-1")
    assert listing["status"] == "proposed"
    number = listing["listing"]
    assert "proposed" in _review(hub, number, "analyst-a", "--approve").stdout
    again = _review(hub, number, "analyst-a", "--approve")
    assert again.returncode == 2 and "already_reviewed" in again.stderr
    assert (
        '"listed"'
        in _review(hub, number, "analyst-b", "--approve", "--note", "Evidence holds").stdout
    )

    published = json.loads(run(hub.home, "hub", "watchlist", "publish").stdout)
    assert published["new"] is True and published["listed"] >= 1
    status, raw = hub.get("/watchlist/watchlist.csv")
    assert status == 200
    signed = json.loads(hub.get(f"/watchlist/{published['version']}.signature.json")[1])
    decode_public(hub.key).verify(unb64url(signed["signature"]), canonical(signed["release"]))
    import hashlib

    assert signed["release"]["sha256"] == hashlib.sha256(raw).hexdigest()

    node = hub.states["KE"]
    download = tmp_path / "hub-watchlist.csv"
    download.write_bytes(raw)
    run(node, "watchlist", "import", "--format", "torture-csv", "--name", "hub", str(download))
    matches = _screen(node, "Voltaic Restraints Trading Limited", tmp_path)
    assert matches and matches[0]["entity_id"] == "hub-wl-fr-FR-WL-1"

    status, page = hub.get("/watchlist/")
    assert status == 200 and "Voltaic Restraints Trading Ltd" in page.decode()
    assert "FR customs inspection report 2025-117" in page.decode()


def test_a_state_removes_its_listing_with_a_reason_and_it_stays_as_delisted(hub: Hub) -> None:
    body = {
        "action": "propose",
        "reference": "FR-WL-2",
        "listing": {**LISTING, "name": "Gamma Cuffs SA"},
    }
    assert _send(hub, "FR", body)["status"] == "accepted"
    number = next(r["listing"] for r in _listings(hub) if r["id"] == "hub-wl-fr-FR-WL-2")
    _review(hub, number, "analyst-a", "--approve")
    _review(hub, number, "analyst-c", "--approve")
    removal = {"action": "remove", "reference": "FR-WL-2", "reason": "Company dissolved in 2026."}
    refused = _send(hub, "KE", removal)
    assert refused["status"] == "refused" and refused["error"]["code"] == "unknown_listing"
    assert _send(hub, "FR", removal)["status"] == "accepted"
    run(hub.home, "hub", "watchlist", "publish")
    text = hub.get("/watchlist/watchlist.csv")[1].decode()
    row = next(line for line in text.splitlines() if "Gamma Cuffs SA" in line)
    assert ",delisted," in row and "Company dissolved in 2026." in row
    page = hub.get("/watchlist/")[1].decode()
    assert "Company dissolved in 2026." in page


def test_bad_proposals_are_refused_naming_the_field_and_nothing_stored(
    hub: Hub, tmp_path: Path
) -> None:
    before = len(_listings(hub))
    no_country = copy.deepcopy(LISTING) | {"kind": "country"}
    del no_country["country"]
    answer = _send(hub, "FR", {"action": "propose", "reference": "FR-WL-3", "listing": no_country})
    assert answer["status"] == "refused" and answer["error"]["field"] == "body.listing.country"
    classified = LISTING | {
        "classification": {"by_means": "electric shock", "source": "NGO report"}
    }
    body = {"action": "propose", "reference": "FR-WL-4", "listing": classified}
    answer = _send(hub, "FR", body)
    assert answer["status"] == "refused"
    assert answer["error"]["field"] == "body.listing.classification"
    assert len(_listings(hub)) == before

    proposal = tmp_path / "proposal.json"
    proposal.write_text(json.dumps({"action": "propose", "reference": "HUB-1", "listing": LISTING}))
    made = json.loads(
        run(hub.home, "hub", "watchlist", "propose", str(proposal), "--by", "analyst-a").stdout
    )
    own = _review(hub, made["listing"], "analyst-a", "--approve")
    assert own.returncode == 2 and "own_proposal" in own.stderr
