"""The hub as a real process: directory published and loaded by a node, register updates from
states' signed messages, proofs and copies verified offline, bad updates refused."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from torturefree.register.copy import verify_proof_document
from torturefree.register.treehead import verify_tree_head
from torturefree.register.verify import verify_consistency

from .hubkit import Hub, run, update


def _size(hub: Hub) -> int:
    status, raw = hub.get("/register/tree-head")
    assert status == 200
    return int(verify_tree_head(json.loads(raw), hub.key)[0])


def test_a_node_loads_the_directory_from_the_hub_url_and_refuses_a_tampered_one(
    hub: Hub, tmp_path: Path
) -> None:
    url = hub.url + "/exchange/v1/directory"
    loaded = run(hub.states["FR"], "exchange", "directory", "load", url, "--hub-key", hub.key)
    assert json.loads(loaded.stdout) == {"version": 1, "participants": ["FR", "HUB", "KE"]}
    _status, raw = hub.get("/exchange/v1/directory")
    signed = json.loads(raw)
    signed["directory"]["participants"][0]["url"] = "http://attacker.example"
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(signed))
    refused = run(
        hub.states["KE"],
        "exchange",
        "directory",
        "load",
        str(tampered),
        "--hub-key",
        hub.key,
        check=False,
    )
    assert refused.returncode == 1
    assert "signature does not verify" in refused.stderr


def test_publishing_without_a_change_makes_no_new_version(hub: Hub) -> None:
    answer = json.loads(run(hub.home, "hub", "directory", "publish").stdout)
    assert answer["version"] == 1 and answer["new"] is False


def test_a_grant_and_its_withdrawal_enter_the_register_with_proofs(
    hub: Hub, tmp_path: Path
) -> None:
    before = _size(hub)
    grant = hub.message("FR", update("FR", "FR-GL-7", "Menottes Dupont SARL"))
    receipt = hub.post(grant.raw)
    assert receipt["envelope"]["body"]["status"] == "accepted", receipt
    assert receipt["envelope"]["in_reply_to"] == grant.id
    assert _size(hub) == before + 1

    status, page = hub.get("/register/?q=dupont&country=FR&valid_on=2026-06-01")
    assert status == 200 and b"Menottes Dupont SARL" in page and b"FR-GL-7" in page
    _status, raw = hub.get(f"/register/entries/{before}/proof")
    proof = tmp_path / "proof.json"
    proof.write_bytes(raw)
    checked = run(hub.home, "register", "verify", str(proof), "--hub-key", hub.key)
    assert json.loads(checked.stdout)["entry"] == before

    withdrawal = update("FR", "FR-GL-7", "Menottes Dupont SARL", "withdrawn", reason="Revoked")
    assert hub.post(hub.message("FR", withdrawal).raw)["envelope"]["body"]["status"] == "accepted"
    status, page = hub.get("/register/?q=dupont&valid_on=2030-01-01")
    assert b"Menottes Dupont SARL" not in page  # no longer valid on that day
    status, page = hub.get(f"/register/entries/{before}")
    assert status == 200 and b"withdrawn" in page


def test_the_copy_verifies_offline_and_a_tampered_copy_fails(hub: Hub, tmp_path: Path) -> None:
    hub.post(
        hub.message(
            "KE", update("KE", "KE-ML-1", "Nairobi Museum of Policing", kind="museum_derogation")
        ).raw
    )
    _status, raw = hub.get("/register/register.jsonl")
    copy = tmp_path / "register.jsonl"
    copy.write_bytes(raw)
    report = json.loads(
        run(hub.home, "register", "verify", str(copy), "--hub-key", hub.key, "--entry", "0").stdout
    )
    assert report["tree_size"] == len(raw.splitlines()) - 1
    lines = raw.decode().splitlines()
    # The first entry, whichever test of the session's hub made it: one letter more in its name.
    tampered = re.sub(r'("name":\s*")', r"\1X", lines[1], count=1)
    assert tampered != lines[1]
    lines[1] = tampered
    copy.write_text("\n".join(lines) + "\n")
    failed = run(hub.home, "register", "verify", str(copy), "--hub-key", hub.key, check=False)
    assert failed.returncode == 1 and "changed after signing" in " ".join(failed.stderr.split())


def test_downloads_carry_each_entry_proof(hub: Hub) -> None:
    _status, raw = hub.get("/register/results.json?country=KE")
    found = json.loads(raw)["entries"]
    assert found and all(verify_proof_document(p, hub.key).entry == p["index"] for p in found)
    _status, raw = hub.get("/register/results.csv?country=KE")
    rows = list(csv.DictReader(io.StringIO(raw.decode())))
    assert rows[0]["name"] == "Nairobi Museum of Policing" and rows[0]["audit_path"]


def test_the_api_gives_its_results_a_page_at_a_time(hub: Hub) -> None:
    _status, raw = hub.get("/register/results.json")
    every = [p["index"] for p in json.loads(raw)["entries"]]
    assert len(every) >= 2 and every == sorted(every, reverse=True)
    _status, raw = hub.get("/register/results.json?limit=1")
    first = json.loads(raw)
    assert [p["index"] for p in first["entries"]] == every[:1]
    _status, raw = hub.get(first["next"])
    second = json.loads(raw)
    assert [p["index"] for p in second["entries"]] == every[1:2]
    assert all(verify_proof_document(p, hub.key) for p in second["entries"])
    _status, raw = hub.get(f"/register/results.json?limit={len(every)}")
    assert json.loads(raw)["next"] is not None
    _status, raw = hub.get(f"/register/results.json?limit={len(every) + 1}")
    assert json.loads(raw)["next"] is None
    status, raw = hub.get("/register/results.json?limit=1001")
    assert status == 400 and "limit" in json.loads(raw)["errors"]


def test_a_search_gives_each_result_the_proof_its_entry_page_gives(hub: Hub) -> None:
    # The results' proofs are read together (entry_proofs): each must be the single proof.
    _status, raw = hub.get("/register/results.json")
    found = json.loads(raw)["entries"]
    assert len(found) >= 2
    for document in found:
        _status, single = hub.get(f"/register/entries/{document['index']}/proof")
        assert json.loads(single) == document


def test_the_register_was_never_rewritten_between_two_tree_heads(hub: Hub) -> None:
    # At least one entry before the old head: an empty tree is consistent with any tree.
    hub.post(hub.message("FR", update("FR", "FR-GL-10", "Entraves Bernard")).raw)
    old_size, old_root = verify_tree_head(json.loads(hub.get("/register/tree-head")[1]), hub.key)
    hub.post(hub.message("FR", update("FR", "FR-GL-9", "Entraves Martin")).raw)
    new_size, new_root = verify_tree_head(json.loads(hub.get("/register/tree-head")[1]), hub.key)
    _status, raw = hub.get(f"/register/consistency?from={old_size}&to={new_size}")
    path = [bytes.fromhex(p) for p in json.loads(raw)["proof"]]
    assert verify_consistency(old_size, new_size, old_root, new_root, path)
    assert not verify_consistency(old_size, new_size, new_root, new_root, path)


def _refusal(hub: Hub, raw: bytes) -> dict[str, str]:
    body = hub.post(raw)["envelope"]["body"]
    assert body["status"] == "refused", body
    return dict(body["error"])


def test_bad_updates_are_refused_with_a_reason_and_nothing_stored(hub: Hub) -> None:
    before = _size(hub)
    foreign = hub.message("FR", update("KE", "FR-X-1", "Kenyan Trader Ltd"))
    error = _refusal(hub, foreign.raw)
    assert error["code"] == "foreign_trader" and error["field"] == "body.trader.country"

    unknown = hub.message("FR", update("FR", "FR-NEVER", "Nobody", "withdrawn", reason="x"))
    assert _refusal(hub, unknown.raw)["code"] == "unknown_authorisation"

    grant = hub.message("FR", update("FR", "FR-GL-10", "Chaînes Bernard"))
    signed = json.loads(grant.raw)
    signed["envelope"]["body"]["trader"]["name"] = "Someone Else"
    assert _refusal(hub, json.dumps(signed).encode())["code"] == "bad_signature"
    signed["signature"] = ""
    assert _refusal(hub, json.dumps(signed).encode())["code"] in ("malformed", "bad_signature")
    assert _size(hub) == before

    first = hub.post(grant.raw)
    assert hub.post(grant.raw) == first  # a retry: the same receipt, no second entry
    assert _size(hub) == before + 1


def test_the_register_page_speaks_french(hub: Hub) -> None:
    status, page = hub.get("/register/", language="fr")
    assert status == 200 and "Registre des opérateurs autorisés".encode() in page


def test_the_register_downloads_as_followthemoney_entities(hub: Hub) -> None:
    from followthemoney import model

    hub.post(hub.message("FR", update("FR", "FR-GL-20", "Chaînes Lefèvre SA")).raw)
    withdrawal = update("FR", "FR-GL-20", "Chaînes Lefèvre SA", "withdrawn", reason="Revoked")
    hub.post(hub.message("FR", withdrawal).raw)
    status, raw = hub.get("/register/register.ftm.json")
    assert status == 200
    entities = [json.loads(line) for line in raw.decode().splitlines()]
    by_id = {e["id"]: e for e in entities}
    for entity in entities:  # every entity and property is one of FtM's schemata
        assert (
            model.get_proxy(entity, cleaned=False).to_dict()["properties"] == entity["properties"]
        )
    licence = next(
        e for e in entities if e["schema"] == "License" and "FR-GL-20" in e["properties"]["name"]
    )
    assert licence["properties"]["status"] == ["withdrawn"]
    assert by_id[licence["properties"]["authority"][0]]["schema"] == "PublicBody"
    award = next(e for e in entities if e["properties"].get("contract") == [licence["id"]])
    trader = by_id[award["properties"]["supplier"][0]]
    assert trader["schema"] == "LegalEntity" and trader["properties"]["name"] == [
        "Chaînes Lefèvre SA"
    ]
    assert trader["properties"]["country"] == ["fr"]
    index = licence["id"].rsplit("-", 1)[1]
    assert licence["properties"]["sourceUrl"][0].endswith(f"/register/entries/{index}")
    assert "endDate" in award["properties"]  # the day it was withdrawn


def test_the_personal_data_page_says_what_is_published_and_whom_to_ask(hub: Hub) -> None:
    status, raw = hub.get("/register/personal-data")
    page = raw.decode()
    assert status == 200 and "append-only" in page and "paragraph 107" in page
    assert "biens@example.fr" in page  # FR's contact, from the directory
    status, raw = hub.get("/register/personal-data", language="fr")
    assert status == 200 and "Données personnelles" in raw.decode()
