"""The hub's OpenAPI description (/api/hub/v1/openapi.json) against the real hub: every documented
operation is called, and each answer's status must be one the description lists, with its
content type, and a JSON body must validate against the schema given for that status. Every
machine route of the hub's URLconf and of the amendments' it includes (api/, exchange/, .json,
.jsonl, .csv, .tar) must be described."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from tests.amendments.kit import request

from .hubkit import Hub, run, update
from .test_hub_cases import CASE
from .test_hub_watchlist_pull import _list

SERVICE = Path(__file__).parents[2] / "torturefree_service"
URLS = SERVICE / "hub" / "urls.py"
# The expert mechanism's routes (#16), included by the hub's URLconf at its root.
AMENDMENT_URLS = SERVICE / "amendments" / "urls.py"


def _call(hub: Hub, method: str, path: str, body: bytes | None = None) -> tuple[int, str, bytes]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(hub.url + path, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers.get_content_type(), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def _check(doc: dict[str, Any], route: str, method: str, answer: tuple[int, str, bytes]) -> None:
    status, kind, raw = answer
    responses = doc["paths"][route][method]["responses"]
    assert str(status) in responses, f"{method} {route}: {status} is not described"
    described = responses[str(status)]
    if "$ref" in described:
        described = doc["components"]["responses"][described["$ref"].rsplit("/", 1)[1]]
    content = described.get("content")
    if not content:
        return
    assert kind in content, f"{method} {route} {status}: {kind} is not described"
    if kind == "application/json":
        schema = {**content[kind]["schema"], "components": doc["components"]}
        jsonschema.Draft202012Validator(schema).validate(json.loads(raw))


def test_every_operation_answers_as_described(hub: Hub, tmp_path: Path) -> None:
    status, _kind, raw = _call(hub, "GET", "/api/hub/v1/openapi.json")
    assert status == 200
    doc = json.loads(raw)
    jsonschema.Draft202012Validator.check_schema(doc["components"]["schemas"]["ProofDocument"])
    hub.post(hub.message("FR", update("FR", "FR-API-1", "Entraves Arnaud")).raw)
    version = _list(hub, tmp_path, "HUB-API-1", "Delta Restraints Ltd")
    _s, _k, made = _call(hub, "POST", "/api/hub/v1/cases", json.dumps(CASE).encode())
    receipt = json.loads(made)["receipt"]
    amendment = _amendment(hub, tmp_path)
    calls = [
        ("/register/results.json", "get", "/register/results.json?country=FR&limit=2", None),
        ("/register/results.json", "get", "/register/results.json?limit=0", None),
        ("/register/results.csv", "get", "/register/results.csv?country=FR", None),
        ("/register/entries/{index}/proof", "get", "/register/entries/0/proof", None),
        ("/register/entries/{index}/proof", "get", "/register/entries/9999999/proof", None),
        ("/register/tree-head", "get", "/register/tree-head", None),
        ("/register/consistency", "get", "/register/consistency?from=1&to=1", None),
        ("/register/consistency", "get", "/register/consistency?from=x", None),
        ("/register/register.jsonl", "get", "/register/register.jsonl", None),
        ("/register/register.ftm.json", "get", "/register/register.ftm.json", None),
        ("/watchlist/signature.json", "get", "/watchlist/signature.json", None),
        ("/watchlist/{version}.csv", "get", f"/watchlist/{version}.csv", None),
        ("/watchlist/{version}.csv", "get", "/watchlist/9999.csv", None),
        (
            "/watchlist/{version}.signature.json",
            "get",
            f"/watchlist/{version}.signature.json",
            None,
        ),
        ("/api/hub/v1/cases", "post", "/api/hub/v1/cases", json.dumps(CASE).encode()),
        ("/api/hub/v1/cases", "post", "/api/hub/v1/cases", b"{}"),
        ("/api/hub/v1/cases/{receipt}", "get", f"/api/hub/v1/cases/{receipt}", None),
        ("/api/hub/v1/cases/{receipt}", "get", "/api/hub/v1/cases/HC-0000000000", None),
        ("/countries/{state}.json", "get", "/countries/FR.json", None),
        ("/countries/{state}.json", "get", "/countries/ZZ.json", None),
        ("/watchlist/watchlist.csv", "get", "/watchlist/watchlist.csv", None),
        ("/watchlist/watchlist.ftm.json", "get", "/watchlist/watchlist.ftm.json", None),
        ("/watchlist/{version}.ftm.json", "get", f"/watchlist/{version}.ftm.json", None),
        ("/countries/compare.json", "get", "/countries/compare.json?a=FR&b=KE", None),
        ("/countries/compare.json", "get", "/countries/compare.json?a=FR", None),
        ("/reports/{year}.json", "get", "/reports/2024.json", None),
        ("/exchange/v1/directory", "get", "/exchange/v1/directory", None),
        ("/amendments/requests.json", "get", "/amendments/requests.json", None),
        ("/amendments/{request_id}.json", "get", f"/amendments/{amendment}.json", None),
        ("/amendments/{request_id}.json", "get", "/amendments/R-0000-0.json", None),
        ("/releases/index.json", "get", "/releases/index.json", None),
        ("/releases/{hexa}.tar", "get", "/releases/" + "0" * 64 + ".tar", None),
        (
            "/releases/schema/{name}.json",
            "get",
            "/releases/schema/torturefree-release-1.json",
            None,
        ),
        ("/releases/schema/{name}.json", "get", "/releases/schema/nothing.json", None),
        (
            "/exchange/v1/inbox",
            "post",
            "/exchange/v1/inbox",
            hub.message("FR", update("FR", "FR-API-2", "Entraves Blanc")).raw,
        ),
    ]
    statuses = set()
    for route, method, path, body in calls:
        answer = _call(hub, method.upper(), path, body)
        _check(doc, route, method, answer)
        statuses.add((route, answer[0]))
    assert ("/register/results.json", 400) in statuses and ("/api/hub/v1/cases", 201) in statuses
    assert ("/amendments/{request_id}.json", 200) in statuses
    called = {route for route, *_ in calls}
    assert called == set(doc["paths"]), set(doc["paths"]) ^ called


def _amendment(hub: Hub, tmp_path: Path) -> str:
    """A request to amend the lists filed on the hub (`amendments file`): its id."""
    ident = f"R-2027-{uuid.uuid4().int % 900 + 100}"
    path = tmp_path / "amendment.yaml"
    path.write_text(yaml.safe_dump(request(id=ident)), encoding="utf-8")
    run(hub.home, "amendments", "file", str(path), "--on", "2027-01-15")
    return ident


def test_every_machine_route_is_described(hub: Hub) -> None:
    doc = json.loads(_call(hub, "GET", "/api/hub/v1/openapi.json")[2])
    routes = re.findall(r'path\(\s*"([^"]*)"', URLS.read_text(encoding="utf-8"))
    routes += re.findall(r'path\(\s*"([^"]*)"', AMENDMENT_URLS.read_text(encoding="utf-8"))
    routes += re.findall(r"DIRECTORY_PATH", URLS.read_text(encoding="utf-8")) and [
        "exchange/v1/directory"
    ]
    machine = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r)
        for r in routes
        if r.startswith(("api/", "exchange/")) or r.endswith((".json", ".jsonl", ".csv", ".tar"))
    }
    machine -= {"/api/hub/v1/openapi.json"}
    missing = machine - set(doc["paths"])
    assert not missing, f"routes not in the OpenAPI description: {sorted(missing)}"
