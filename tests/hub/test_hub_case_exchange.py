"""A case's question to a state through the exchange, on real processes: a hub and KE's node
(`torturefree serve`, its own home, database and keys, the hub's signed directory loaded). An
NGO brings a case, the analyst asks KE through the exchange, KE's caseworker answers on the
node, the reply lands on the case, and a finding is published. Refusals store nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from tests.exchange.casework_kit import NodeApi, seed, wait_for
from tests.exchange.nodes import NodeProcess

from torturefree.exchange import NodeSettings

from .hubkit import Hub, port_for, run
from .test_hub_cases import CASE, _api

QUESTION = "Which police units received the shock batons named in the case, and when?"
ANSWER = "None: the export licence KE-2026-0042 was refused on 2026-03-02."


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Hub, NodeProcess]]:
    root = tmp_path_factory.mktemp("caseask")
    hub = Hub(root / "HUB", port_for(6))
    hub.join("HUB", "--name", "Monitoring body", url=hub.url)
    ke = NodeProcess("KE", root / "ke", port_for(7), "UN-A")
    ke.node.init(
        NodeSettings(
            state="KE",
            url=ke.url,
            name="KE authority",
            profile="UN-A",
            contact={"office": "Export control KE", "email": "exchange@ke.example"},
        )
    )
    entry = root / "KE.entry.json"
    entry.write_text(json.dumps(ke.node.entry().to_json()))
    run(hub.home, "hub", "participant", "add", str(entry))
    directory = root / "directory.json"
    run(hub.home, "hub", "directory", "publish", "--out", str(directory))
    ke.node.directories.load(directory.read_bytes(), hub.key)
    hub.start()
    try:
        ke.start()
        seed(ke)
        yield hub, ke
    finally:
        ke.stop()
        hub.stop()


def _show(hub: Hub, number: int) -> dict[str, Any]:
    return dict(json.loads(run(hub.home, "hub", "case", "show", str(number)).stdout))


def _ask(hub: Hub, number: int, *args: str) -> Any:
    return run(hub.home, "hub", "case", "ask", str(number), "--by", "analyst-1", *args, check=False)


def test_a_question_to_a_state_and_its_reply_land_on_the_case(
    pair: tuple[Hub, NodeProcess],
) -> None:
    hub, ke = pair
    status, made = _api(hub, json.dumps(CASE).encode())
    assert status == 201
    number = made["number"]
    asked = _ask(hub, number, "--to", "ke", "--question", QUESTION)
    assert asked.returncode == 0, asked.stderr
    sent = json.loads(asked.stdout)
    assert sent["to"] == "KE" and sent["answers"] == []

    caseworker = NodeApi(ke, "caseworker")
    incoming = wait_for(
        lambda: [
            i for i in caseworker.get("/exchange/information")[1]["items"] if i["peer"] == "HUB"
        ],
        "the hub's request on KE's node",
    )
    assert incoming[0]["message_id"] == sent["message_id"]
    assert incoming[0]["questions"] == [{"text": QUESTION}]
    # Nothing of the case but the question left the hub.
    seen = json.dumps(incoming)
    assert str(CASE["contact"]) not in seen and str(CASE["summary"]) not in seen
    status, _ = caseworker.post(
        f"/exchange/information/{incoming[0]['id']}/reply", {"answers": [ANSWER]}
    )
    assert status == 200

    shown = wait_for(
        lambda: (s := _show(hub, number))["questions"][0]["answers"] and s, "the reply"
    )
    question = shown["questions"][0]
    assert question["answers"] == [{"text": ANSWER}] and question["reply_id"]
    actions = [(e["action"], e["by"]) for e in shown["history"]]
    assert ("ask", "analyst-1") in actions and ("answer", "state:KE") in actions

    for step in (
        ("triage", "--priority", "high"),
        ("assign", "--to", "analyst-1"),
        ("finding", "--text", f"KE answered: {ANSWER}"),
        ("publish", "--outcome", "No transfer took place; the offer was refused by KE."),
    ):
        run(hub.home, "hub", "case", step[0], str(number), "--by", "sec-1", *step[1:])
    status, page = hub.get(f"/cases/follow?receipt={made['receipt']}")
    assert status == 200 and "reply received" in page.decode()
    status, public = hub.get(f"/cases/{number}")
    assert status == 200 and ANSWER in public.decode()


def test_a_question_to_no_participant_or_a_closed_case_is_refused(
    pair: tuple[Hub, NodeProcess],
) -> None:
    hub, _ = pair
    _status, made = _api(hub, json.dumps(CASE).encode())
    number = made["number"]
    unknown = _ask(hub, number, "--to", "ZZ", "--question", QUESTION)
    assert unknown.returncode != 0 and "not a participating state" in unknown.stderr
    empty = _ask(hub, number, "--to", "KE", "--question", "  ")
    assert empty.returncode != 0 and "at least one question" in empty.stderr
    run(hub.home, "hub", "case", "close", str(number), "--by", "sec-1", "--reason", "Duplicate")
    closed = _ask(hub, number, "--to", "KE", "--question", QUESTION)
    assert closed.returncode != 0 and "closed case asks no more questions" in closed.stderr
    assert _show(hub, number)["questions"] == []


def test_a_reply_to_nothing_the_hub_asked_is_refused(pair: tuple[Hub, NodeProcess]) -> None:
    hub, ke = pair
    body = {"subject": "other", "answers": [{"text": "Unasked"}]}
    forged = ke.message("HUB", "information_reply", body, in_reply_to=str(uuid.uuid4()))
    receipt = hub.post(forged.raw)["envelope"]["body"]
    assert receipt["status"] == "refused"
    assert receipt["error"]["field"] == "envelope.in_reply_to"
