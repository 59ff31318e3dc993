"""Requests and answers from a state's node through the exchange, on a real hub process: the node
queues an `amendment_request` with `exchange send` and delivers it (`exchange deliver`); the hub
files it under the signed sender; an expert's question is answered the same way by the requester;
another state's answer, a body naming its own requester and a request filed twice are refused in
the signed receipt, naming the field, and change nothing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.amendments.kit import request
from tests.hub.hubkit import TORTUREFREE, Hub, environment, port_for, run


def body(**overrides: Any) -> dict[str, Any]:
    data = request(**overrides)
    data.pop("requester")
    return data


def deliver(hub: Hub, state: str, kind: str, content: dict[str, Any]) -> dict[str, Any]:
    """Queue on the state's node, deliver to the hub; the outbox row of that message."""
    home = hub.states[state]
    path = home.parent / f"{state}-{kind}.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    sent = json.loads(
        run(home, "exchange", "send", "--to", "HUB", "--type", kind, "--body", str(path)).stdout
    )
    run(home, "exchange", "deliver")
    rows = json.loads(run(home, "exchange", "outbox", "--json").stdout)
    row = next(r for r in rows if r["id"] == sent["id"])
    row["why"] = json.dumps(row["refusal"])  # the receipt's error: code, message, field
    return dict(row)


def summary(hub: Hub, ident: str = "R-2027-1") -> dict[str, Any]:
    status, raw = hub.get(f"/amendments/{ident}.json")
    assert status == 200, raw
    return dict(json.loads(raw))


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    root = tmp_path_factory.mktemp("amendx")
    hub = Hub(root / "HUB", port_for(5))
    hub.join("HUB", "--name", "Monitoring body", "--url", hub.url)
    node_url = f"http://127.0.0.1:{port_for(7)}"
    hub.join("NL", "--name", "NL authority", "--url", node_url)
    hub.join("KE", "--name", "KE authority")
    run(hub.home, "hub", "directory", "publish", "--out", str(root / "directory.json"))
    run(
        hub.home,
        *("amendments", "expert", "add", "--id", "e1", "--name", "Expert e1"),
        *("--nationality", "KE", "--group", "african", "--field", "human_rights"),
    )
    hub.start()
    node = None
    try:
        for state in ("NL", "KE"):
            url = hub.url + "/exchange/v1/directory"
            run(hub.states[state], "exchange", "directory", "load", url, "--hub-key", hub.key)
        node = serve(hub.states["NL"], port_for(7))  # KE's node is not running: notices wait
        yield hub
    finally:  # a failing setup stops the processes too
        if node is not None:
            node.terminate()
            node.wait(timeout=30)
        hub.stop()


def serve(home: Path, port: int) -> subprocess.Popen[bytes]:
    """The state's node, `torturefree serve` on loopback, answering before we go on."""
    command = [TORTUREFREE, "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", "1", "--threads", "2", "--no-worker", "--home", str(home)]
    process = subprocess.Popen(
        command, env=environment(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process
        except OSError:
            assert process.poll() is None, "the node exited"
            time.sleep(0.3)
    process.kill()
    raise AssertionError("the node did not answer within 120 s")


def notify(hub: Hub) -> dict[str, Any]:
    return dict(json.loads(run(hub.home, "amendments", "notify").stdout))


def inbox(home: Path) -> list[dict[str, Any]]:
    rows = json.loads(run(home, "exchange", "inbox", "--json").stdout)
    return [r for r in rows if r["type"] == "amendment_notice"]


def test_a_request_from_a_node_is_filed_under_its_sender(hub: Hub) -> None:
    row = deliver(hub, "NL", "amendment_request", body())
    assert row["state"] == "delivered", row
    filed = summary(hub)
    assert filed["requester"] == "state-NL"
    assert filed["state"] == "received"
    today = dt.datetime.now(dt.UTC).date()
    assert filed["received"] == today.isoformat()
    assert filed["clocks"]["questions_until"] is not None


def test_a_question_is_answered_by_the_requester_through_the_exchange(hub: Hub) -> None:
    on = dt.datetime.now(dt.UTC).date().isoformat()
    run(
        hub.home,
        *("amendments", "step", "R-2027-1", "question", "--by", "e1", "--on", on),
        *("--text", "Which forces use the frames?"),
    )
    assert summary(hub)["questions"][0]["answers"] == []
    told = notify(hub)  # a question to the requester: a notice to NL only, on NL's inbox
    assert [(n["to"], n["status"]) for n in told["notices"]] == [("NL", "delivered")], told
    assert len(inbox(hub.states["NL"])) == 1
    answer = {"request": "R-2027-1", "question": 1, "text": "Two police forces"}
    refused = deliver(hub, "KE", "amendment_answer", answer)
    assert refused["state"] == "refused", refused
    assert "only the requester answers" in refused["why"]
    assert "envelope.from" in refused["why"]
    assert summary(hub)["questions"][0]["answers"] == []
    accepted = deliver(hub, "NL", "amendment_answer", answer)
    assert accepted["state"] == "delivered", accepted
    answers = summary(hub)["questions"][0]["answers"]
    assert [(a["by"], a["text"]) for a in answers] == [("state-NL", "Two police forces")]


def test_bad_requests_are_refused_naming_the_field(hub: Hub, tmp_path: Path) -> None:
    again = deliver(hub, "KE", "amendment_request", body())
    assert again["state"] == "refused" and "body.id" in again["why"], again
    assert summary(hub)["requester"] == "state-NL"  # unchanged
    urgent = deliver(hub, "KE", "amendment_request", body(id="R-2027-2", urgent=True))
    assert urgent["state"] == "refused" and "urgency_grounds" in urgent["why"], urgent
    assert hub.get("/amendments/R-2027-2.json")[0] == 404
    path = tmp_path / "own-requester.json"
    path.write_text(json.dumps({**body(id="R-2027-3"), "requester": "state-FR"}))
    named = run(
        hub.states["KE"],
        *("exchange", "send", "--to", "HUB", "--type", "amendment_request", "--body", str(path)),
        check=False,
    )
    assert named.returncode == 2 and "requester" in named.stderr  # the sender's own gate


def test_a_question_to_all_is_noticed_to_every_state_and_waits_for_a_node_that_is_down(
    hub: Hub,
) -> None:
    on = dt.datetime.now(dt.UTC).date().isoformat()
    run(
        hub.home,
        *("amendments", "step", "R-2027-1", "question", "--by", "e1", "--on", on),
        *("--to", "all", "--text", "Does any state know a legitimate use?"),
    )
    told = notify(hub)
    latest = {n["to"]: n for n in told["notices"] if n["status"] != "delivered" or n["to"] == "NL"}
    assert told["counts"] == {"delivered": 1, "refused": 0, "pending": 1}, told
    assert latest["KE"]["status"] == "pending" and latest["KE"]["attempts"] == 1
    assert "not delivered" in latest["KE"]["error"]
    assert len(inbox(hub.states["NL"])) == 2
    again = notify(hub)  # retried, still no receipt: still pending, one attempt more
    assert again["counts"] == {"delivered": 0, "refused": 0, "pending": 1}
