"""The hub's worker tells the states of a decision by itself, and a real node shows it: a hub
with the expert mechanism and the `amendments-notify` schedule (`torturefree worker --role hub`),
a state's node (`torturefree serve`) receiving the signed `amendment_notice`s (the question to
the requester, then the decision with its tally and dissent) without anyone running
`amendments notify`; the node fetches the release the decision made; an officer's page on the
node ("Changes to the control lists", English and French) lists the notices and the release with
its changelog, and whether it uses the release the hub's directory names as current; a trader
may not open it."""

from __future__ import annotations

import html
import json
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from tests.amendments.kit import request
from tests.amendments.test_exchange_requests import inbox, serve
from tests.amendments.test_hub_story import DISSENT, EXPERTS, cli, step
from tests.hub.hubkit import TORTUREFREE, Hub, environment, port_for, run

from torturefree.lists.release_archive import read_header

PASSWORD = "demo-password"


def hub_worker(hub: Hub) -> subprocess.Popen[bytes]:
    command = [TORTUREFREE, "worker", "--role", "hub", "--home", str(hub.home)]
    return subprocess.Popen(
        command, env=environment(hub.home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_for_notices(home: Path, count: int, worker: subprocess.Popen[bytes]) -> list[Any]:
    """The node's inbox once the hub's schedule delivered `count` notices (django-q2's
    scheduler looks about every 30 s; the first run is due at the worker's start)."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert worker.poll() is None, "the hub's worker exited"
        found = inbox(home)
        if len(found) >= count:
            return found
        time.sleep(2)
    raise AssertionError(f"the hub's worker delivered {len(inbox(home))} of {count} notices")


def decide(hub: Hub, root: Path) -> None:
    """A request of NL's, a question to it and its answer, a panel, 4 votes to 1, adopted."""
    for ident, group, field in EXPERTS:
        cli(
            hub,
            *("expert", "add", "--id", ident, "--name", f"Expert {ident}"),
            *("--nationality", "KE", "--group", group, "--field", field),
        )
    (root / "request.yaml").write_text(yaml.safe_dump(request()), encoding="utf-8")
    cli(hub, "file", str(root / "request.yaml"), "--on", "2027-01-15")
    step(hub, "question", "e1", "2027-01-20", "--text", "Which forces use the frames?")
    step(hub, "answer", "state-NL", "2027-02-01", "--question", "1", "--text", "Two")
    for ident, _, _ in EXPERTS:
        step(hub, "declare", ident, "2027-02-02", "--no-conflict")
    step(
        hub, "panel", "secretariat", "2027-02-02", *[o for e in EXPERTS for o in ("--member", e[0])]
    )
    for ident in ("e1", "e2", "e3", "e5"):
        step(hub, "vote", ident, "2027-02-10", "--choice", "yes")
    step(hub, "vote", "e4", "2027-02-10", "--choice", "no", "--opinion", DISSENT)
    step(hub, "decide", "secretariat", "2027-02-11", "--reasons", "Grade A evidence")


@pytest.fixture(scope="module")
def told(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("amendn")
    hub = Hub(root / "HUB", port_for(1))
    hub.join("HUB", "--name", "Monitoring body", "--url", hub.url)
    node_url = f"http://127.0.0.1:{port_for(2)}"
    hub.join("NL", "--name", "NL authority", "--url", node_url)
    run(hub.home, "hub", "directory", "publish", "--out", str(root / "directory.json"))
    decide(hub, root)  # two notices wait on the hub: nobody runs `amendments notify`
    nl = hub.states["NL"]
    run(nl, "demo")  # the node's officers and traders (demo logins)
    processes: list[subprocess.Popen[bytes]] = []
    hub.start()
    try:
        url = hub.url + "/exchange/v1/directory"
        run(nl, "exchange", "directory", "load", url, "--hub-key", hub.key)
        processes.append(serve(nl, port_for(2)))
        processes.append(hub_worker(hub))
        notices = wait_for_notices(nl, 2, processes[-1])
        yield {"hub": hub, "root": root, "node": nl, "url": node_url, "notices": notices}
    finally:  # a failing setup stops the processes too
        for process in processes:
            process.terminate()
            process.wait(timeout=90)
        hub.stop()


class Browser:
    """A signed-in visitor of the node's pages (session cookie, CSRF token from the form)."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        login = self.opener.open(base + "/login", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login)
        assert token is not None
        form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD}
        data = urllib.parse.urlencode(form).encode()
        answer = self.opener.open(urllib.request.Request(base + "/login", data=data), timeout=30)
        assert "/login" not in answer.geturl(), "not signed in"

    def get(self, path: str, language: str = "en") -> tuple[int, str]:
        wanted = urllib.request.Request(self.base + path, headers={"Accept-Language": language})
        try:
            with self.opener.open(wanted, timeout=30) as answer:
                return answer.status, html.unescape(answer.read().decode())
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def test_the_hubs_worker_delivers_the_question_and_the_decision(told: dict[str, Any]) -> None:
    notices = told["notices"]
    assert [(n["from"], n["state"]) for n in notices] == [("HUB", "accepted")] * 2
    shown = json.loads(run(told["hub"].home, "amendments", "notify").stdout)
    assert shown["counts"] == {"delivered": 0, "refused": 0, "pending": 0}  # nothing left
    assert [(n["to"], n["status"]) for n in shown["notices"]] == [("NL", "delivered")] * 2
    assert {n["id"] for n in shown["notices"]} == {n["id"] for n in notices}


def test_the_node_shows_the_notices_and_the_release_to_its_officers(told: dict[str, Any]) -> None:
    hub: Hub = told["hub"]
    root: Path = told["root"]
    built = cli(hub, "release", "R-2027-1", "--work", str(root / "work"))
    cli(hub, "publish", str(root / "work" / "release.tar"))
    # The release format's JSON Schema is published beside the releases, and the file obeys it.
    index = json.loads(hub.get("/releases/index.json")[1])
    status, schema = hub.get(index["schemas"]["torturefree-release/1"])
    assert status == 200
    header = read_header(root / "work" / "release.tar")
    Draft202012Validator(json.loads(schema)).validate(header)
    # The hub's directory now names the release (a field this implementation adds); the node
    # loads the new version and sees it is behind, then fetches it.
    status, raw = hub.get("/exchange/v1/directory")
    directory = json.loads(raw)["directory"]
    assert directory["version"] == 2 and directory["list_release"]["release"] == built["release"]
    assert directory["list_release"]["sequence"] == 1
    url = hub.url + "/exchange/v1/directory"
    run(told["node"], "exchange", "directory", "load", url, "--hub-key", hub.key)
    officer = Browser(told["url"], "caseworker")
    behind = officer.get("/casework/list-changes")[1]
    assert f"names release {built['release']} (1) as current" in behind
    assert "This service has not loaded it yet" in behind
    fetched = json.loads(run(told["node"], "lists", "release", "fetch").stdout)
    assert fetched["current"] == built["release"], fetched
    status, page = officer.get("/casework/list-changes")
    assert status == 200, page
    assert "Notices from the expert mechanism" in page
    assert "adopted by 4 votes to 1" in page and "Which forces use the frames?" in page
    assert f'href="{hub.url}/amendments/R-2027-1"' in page  # the decision and its dissents
    assert built["release"] in page and "in use" in page and "This service uses it." in page
    # The hub's first release: its title names the change, its changelog the files.
    assert "Amendment R-2027-1: eu-2019-125/spiked-restraint-frames: added from 2027-04-12" in page
    assert "First release: " in page
    status, french = officer.get("/casework/list-changes", language="fr")
    assert status == 200 and "Notifications du mécanisme d'experts" in french
    trader = Browser(told["url"], "trader")
    assert trader.get("/casework/list-changes")[0] == 403
