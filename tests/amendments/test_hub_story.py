"""The story on a real hub process: a state's request with evidence -> a question and its answer
-> a panel with the required spread -> a vote with one dissent -> adoption -> the data/ change
and a signed release -> published; the public pages (English and French) show the decision and
the dissent; two nodes fetch the release from the hub and verify it; before the date the goods
are not controlled, on it they need a licence; a release under a wrong key is refused and the
node keeps the release it had."""

from __future__ import annotations

import datetime as dt
import html
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.amendments.kit import FREE_CODE, request
from tests.hub.hubkit import Hub, port_for, run
from tests.lists.release_kit import export_of

from torturefree.exchange import Node
from torturefree.lists.release_open import release_catalogue
from torturefree.rules import Engine

EXPERTS = [
    ("e1", "african", "human_rights"),
    ("e2", "asia_pacific", "international_trade"),
    ("e3", "eastern_european", "engineering"),
    ("e4", "latin_american_caribbean", "medicine"),
    ("e5", "western_european_other", "law_enforcement_equipment"),
]
DISSENT = "The frames' codes also cover gymnastics apparatus"


def cli(hub: Hub, *args: str) -> Any:
    return json.loads(run(hub.home, "amendments", *args).stdout)


def step(hub: Hub, kind: str, by: str, on: str, *options: str) -> Any:
    return cli(hub, "step", "R-2027-1", kind, "--by", by, "--on", on, *options)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Hub, dict[str, Any]]]:
    root = tmp_path_factory.mktemp("amend")
    hub = Hub(root / "HUB", port_for(3))
    hub.join("HUB", "--name", "Monitoring body")
    for ident, group, field in EXPERTS:
        cli(
            hub,
            "expert",
            "add",
            "--id",
            ident,
            "--name",
            f"Expert {ident}",
            "--nationality",
            "KE",
            "--group",
            group,
            "--field",
            field,
        )
    (root / "request.yaml").write_text(yaml.safe_dump(request()), encoding="utf-8")
    filed = cli(hub, "file", str(root / "request.yaml"), "--on", "2027-01-15")
    assert filed["clocks"]["questions_until"] == "2027-04-15"
    step(hub, "question", "e1", "2027-01-20", "--text", "Which forces use the frames?")
    answered = step(hub, "answer", "state-NL", "2027-02-01", "--question", "1", "--text", "Two")
    assert answered["clocks"]["decision_due"] == "2027-06-21"  # 20 weeks from the answer
    for ident, _, _ in EXPERTS:
        step(hub, "declare", ident, "2027-02-02", "--no-conflict")
    members = [o for ident, _, _ in EXPERTS for o in ("--member", ident)]
    step(hub, "panel", "secretariat", "2027-02-02", *members)
    for ident in ("e1", "e2", "e3", "e5"):
        step(hub, "vote", ident, "2027-02-10", "--choice", "yes")
    step(hub, "vote", "e4", "2027-02-10", "--choice", "no", "--opinion", DISSENT)
    decided = step(hub, "decide", "secretariat", "2027-02-11", "--reasons", "Grade A evidence")
    built = cli(hub, "release", "R-2027-1", "--work", str(root / "work"))
    cli(hub, "publish", str(root / "work" / "release.tar"))
    hub.start()
    yield hub, {"decided": decided, "built": built, "root": root}
    hub.stop()


def test_adoption_by_majority_with_the_dissent_and_the_release(
    story: tuple[Hub, dict[str, Any]],
) -> None:
    _, facts = story
    decision = facts["decided"]["decision"]
    assert decision["words"] == "adopted by 4 votes to 1, 0 abstaining, 5 of 5 present"
    assert decision["dissents"] == [{"expert": "e4", "opinion": DISSENT}]
    assert decision["applies_from"] == "2027-04-12"  # two months of objections, then the day after
    built = facts["built"]
    assert [(e["entry"], e["kind"], e["date"]) for e in built["entries"]] == [
        ("eu-2019-125/spiked-restraint-frames", "added", "2027-04-12")
    ]
    assert "+- valid_from: 2027-04-12" in built["diff"]


def test_the_public_pages_show_the_decision_and_the_dissent(
    story: tuple[Hub, dict[str, Any]],
) -> None:
    hub, _ = story
    status, page = hub.get("/amendments/R-2027-1")
    assert status == 200
    text = html.unescape(page.decode())
    assert DISSENT in text and "adopted by 4 votes to 1" in text
    assert "Article 25(2)" in text  # the clocks cite their parameter
    status, french = hub.get("/amendments/R-2027-1", language="fr")
    assert status == 200 and "Opinions dissidentes" in french.decode()
    status, index = hub.get("/amendments/")
    assert status == 200 and "R-2027-1" in index.decode()
    status, raw = hub.get("/amendments/R-2027-1.json")
    assert json.loads(raw)["decision"]["dissents"][0]["opinion"] == DISSENT
    assert hub.get("/amendments/R-NONE")[0] == 404
    status, queue = hub.get("/amendments/queue")
    assert status == 200 and "R-2027-1" not in queue.decode()  # decided: off the queue


def fetch(hub: Hub, home: Path, key: str) -> subprocess.CompletedProcess[str]:
    return run(home, "lists", "release", "fetch", hub.url, "--key", key, check=False)


def test_two_nodes_fetch_verify_and_apply_it_on_the_day(
    story: tuple[Hub, dict[str, Any]],
) -> None:
    hub, facts = story
    public = Node(hub.home).entry().keys[0]
    key = f"{public.key_id}:{public.public_key}"
    release = facts["built"]["release"]
    for name in ("node-a", "node-b"):
        home = facts["root"] / name
        done = fetch(hub, home, key)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["current"] == release
        engine = Engine(release_catalogue(release, home))
        before = engine.determine(export_of(FREE_CODE, dt.date(2027, 4, 11)))
        on = engine.determine(export_of(FREE_CODE, dt.date(2027, 4, 12)))
        assert (before.outcome.value, on.outcome.value) == ("not_controlled", "licence_required")
        assert on.data_release == release
        again = fetch(hub, home, key)
        assert json.loads(again.stdout)["loaded"] is False


def test_a_release_under_another_key_is_refused_and_the_node_keeps_its_own(
    story: tuple[Hub, dict[str, Any]],
) -> None:
    hub, facts = story
    home = facts["root"] / "node-c"
    other = Node(facts["root"] / "HUB").entry().keys[0]
    wrong = f"{other.key_id}:{'A' * 43}"
    refused = fetch(hub, home, wrong)
    assert refused.returncode == 2
    assert "refused (" in refused.stderr
    listed = json.loads(run(home, "lists", "release", "list").stdout)
    assert listed["current"] is None


URGENT_CODE = "9506 99 90"  # other sports articles: on no list


def test_the_urgency_route_applies_at_once_and_its_repeal_reaches_the_nodes(
    story: tuple[Hub, dict[str, Any]],
) -> None:
    """An urgent addition: decided within days, applies the next day (release 2); a participant
    objects, the amendment is repealed (release 3); a node fetches 2 then 3, and refuses 2 again."""
    hub, facts = story
    root: Path = facts["root"]
    urgent = request(
        id="R-2027-2",
        entry="eu-2019-125/spiked-sports-frames",
        urgent=True,
        urgency_grounds="Frames sold to a detention centre this month",
        hs_codes=[{"code": URGENT_CODE}],
        draft={
            "annex": "III",
            "item": "9.2",
            "category": "torture_capable",
            "title": "Spiked sports frames",
            "cn_codes": [{"code": URGENT_CODE}],
        },
    )
    (root / "urgent.yaml").write_text(yaml.safe_dump(urgent), encoding="utf-8")
    filed = cli(hub, "file", str(root / "urgent.yaml"), "--on", "2027-05-03")
    assert filed["clocks"]["questions_until"] is None
    assert filed["clocks"]["decision_due"] == "2027-05-31"  # 28 days (amendment-urgency)

    def urgent_step(kind: str, by: str, on: str, *options: str) -> Any:
        return cli(hub, "step", "R-2027-2", kind, "--by", by, "--on", on, *options)

    for ident, _, _ in EXPERTS:
        urgent_step("declare", ident, "2027-05-04", "--no-conflict")
    urgent_step(
        "panel",
        "secretariat",
        "2027-05-04",
        *[o for ident, _, _ in EXPERTS for o in ("--member", ident)],
    )
    for ident, _, _ in EXPERTS:
        urgent_step("vote", ident, "2027-05-05", "--choice", "yes")
    decided = urgent_step("decide", "secretariat", "2027-05-05", "--reasons", "Immediate risk")
    assert decided["decision"]["by"] == "consensus"
    assert decided["decision"]["applies_from"] == "2027-05-06"  # provisional application
    second = cli(hub, "release", "R-2027-2", "--work", str(root / "urgent-work"))
    assert second["sequence"] == 2 and second["previous"] == facts["built"]["release"]
    cli(hub, "publish", str(root / "urgent-work" / "release.tar"))

    public = Node(hub.home).entry().keys[0]
    key = f"{public.key_id}:{public.public_key}"
    node = root / "node-u"
    assert json.loads(fetch(hub, node, key).stdout)["current"] == second["release"]
    on_two = Engine(release_catalogue(second["release"], node))
    assert on_two.determine(export_of(URGENT_CODE, dt.date(2027, 5, 6))).outcome.value == (
        "licence_required"
    )

    repealed = urgent_step("object", "state-FR", "2027-05-20", "--text", "No immediate risk")
    assert repealed["state"] == "repealed"
    third = cli(hub, "release", "R-2027-2", "--work", str(root / "repeal-work"))
    assert third["sequence"] == 3
    assert "+  valid_until: 2027-05-20" in third["diff"]
    cli(hub, "publish", str(root / "repeal-work" / "release.tar"))
    assert json.loads(fetch(hub, node, key).stdout)["current"] == third["release"]
    on_three = Engine(release_catalogue(third["release"], node))
    free = on_three.determine(export_of(URGENT_CODE, dt.date(2027, 5, 21)))
    held = on_three.determine(export_of(URGENT_CODE, dt.date(2027, 5, 20)))
    assert (held.outcome.value, free.outcome.value) == ("licence_required", "not_controlled")
    # The first adoption is in release 3 too (built on 2, built on 1).
    first = on_three.determine(export_of(FREE_CODE, dt.date(2027, 4, 12)))
    assert first.outcome.value == "licence_required"

    older = run(
        node,
        "lists",
        "release",
        "load",
        str(root / "urgent-work" / "release.tar"),
        "--key",
        key,
        check=False,
    )
    assert older.returncode == 2 and "refused (older)" in older.stderr
    listed = json.loads(run(node, "lists", "release", "list").stdout)
    assert listed["current"] == third["release"]
    status, page = hub.get("/amendments/R-2027-2")
    assert status == 200 and "repealed on objection" in page.decode()
