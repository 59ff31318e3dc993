"""An adopted amendment becomes a data/ change and a draft signed release that nodes load; a
repealed urgent one ends on the day of the objection."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from tests.amendments.kit import EXPERTS, FREE_CODE, RECEIVED, event, filed, reviewed, rules
from tests.lists.release_kit import export_of, hub_key

from torturefree.lists.amendments.adopt import adoption_change, repeal_change
from torturefree.lists.amendments.draft import draft_release
from torturefree.lists.amendments.errors import ProcedureError
from torturefree.lists.amendments.model import Event
from torturefree.lists.amendments.procedure import Procedure, replay
from torturefree.lists.catalogue import load_catalogue
from torturefree.lists.release_store import ReleaseStore
from torturefree.lists.release_verify import verify_release
from torturefree.paths import builtin_data_dir
from torturefree.rules import Engine

DAY = dt.timedelta(days=1)
DECIDED = RECEIVED + 10 * DAY
ENTRY = "eu-2019-125/spiked-restraint-frames"
CUFFS = "lists/eu-2019-125/anchored-cuffs.yaml"


def adopted(urgent: bool = False, **overrides: object) -> list[Event]:
    first = filed(
        urgent=urgent, urgency_grounds="Sold to a prison" if urgent else None, **overrides
    )
    votes = [event("vote", DECIDED, m, choice="yes") for m in ["e1", "e2", "e3", "e4", "e5"]]
    return [first, *reviewed()[1:], *votes, event("decide", DECIDED, "sec", reasons="Evidence")]


def run(events: list[Event]) -> Procedure:
    return replay(events, rules, EXPERTS)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(builtin_data_dir(), root)
    return root


def test_an_added_entry_applies_after_the_objection_period(data: Path) -> None:
    procedure = run(adopted())
    change = adoption_change(procedure, data)
    assert change.path == "lists/eu-2019-125/spiked-restraint-frames.yaml" and change.before is None
    change.apply(data)
    entry = load_catalogue(data).entries[ENTRY]
    (version,) = entry.versions
    assert version.valid_from == dt.date(2027, 3, 26)  # decided 2027-01-25, + 2 months + 1 day
    assert version.annex == "III" and version.cn_codes[0].code == FREE_CODE
    assert "request R-2027-1 of state-NL" in version.citation.title
    assert "adopted by consensus" in version.citation.title
    assert version.citation.note == "Evidence"
    assert entry.terms == {"en": ["spiked restraint frame"]}
    with pytest.raises(ProcedureError, match="already exists"):
        adoption_change(procedure, data)


def test_a_move_closes_the_open_version_and_keeps_the_rest_of_the_file(data: Path) -> None:
    draft = {
        "annex": "III",
        "item": "1.9",
        "category": "torture_capable",
        "title": "Anchored cuffs",
        "cn_codes": [{"code": "7326 90 98", "ex": True}],
    }
    change = adoption_change(
        run(adopted(change="move", entry="eu-2019-125/anchored-cuffs", draft=draft)), data
    )
    assert change.path == CUFFS and change.before is not None
    added = [line for line in change.after.splitlines() if line not in change.before.splitlines()]
    assert added[0] == "  valid_until: 2027-03-25"
    assert all(line in change.after for line in change.before.splitlines())  # nothing else lost
    change.apply(data)
    versions = load_catalogue(data).entries["eu-2019-125/anchored-cuffs"].versions
    assert [(v.annex, v.valid_from, v.valid_until) for v in versions[-2:]] == [
        ("II", dt.date(2025, 8, 20), dt.date(2027, 3, 25)),
        ("III", dt.date(2027, 3, 26), None),
    ]


def test_a_removal_ends_the_entry(data: Path) -> None:
    change = adoption_change(
        run(adopted(change="remove", entry="eu-2019-125/anchored-cuffs", draft=None)), data
    )
    change.apply(data)
    last = load_catalogue(data).entries["eu-2019-125/anchored-cuffs"].versions[-1]
    assert last.valid_until == dt.date(2027, 3, 25)


def test_only_an_adopted_request_changes_data(data: Path) -> None:
    with pytest.raises(ProcedureError, match="in_review, not adopted"):
        adoption_change(run(reviewed()), data)
    with pytest.raises(ProcedureError, match="not an entry file"):
        adoption_change(run(adopted(change="change", entry="eu-2019-125/no-such-thing")), data)


def test_a_change_computed_on_other_data_is_not_applied(data: Path) -> None:
    change = adoption_change(
        run(adopted(change="remove", entry="eu-2019-125/anchored-cuffs", draft=None)), data
    )
    (data / CUFFS).write_text((data / CUFFS).read_text() + "# edited\n")
    with pytest.raises(ProcedureError, match="changed since"):
        change.apply(data)


def test_the_draft_release_is_signed_and_a_node_applies_it_on_the_day(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = hub_key()
    draft = draft_release(
        run(adopted()), data, tmp_path / "work", hub.signer, hub.public.public_key
    )
    verify_release(draft.release, hub.public)
    assert draft.release.manifest["title"].startswith("Amendment R-2027-1: " + ENTRY)
    assert [(e["entry"], e["kind"], e["date"]) for e in draft.entries] == [
        (ENTRY, "added", "2027-03-26")
    ]
    home = tmp_path / "node"
    ReleaseStore(home).load(tmp_path / "work" / "release.tar", hub.public)
    monkeypatch.delenv("TORTUREFREE_DATA", raising=False)
    monkeypatch.delenv("TORTUREFREE_RELEASE", raising=False)
    monkeypatch.setenv("TORTUREFREE_HOME", str(home))
    engine = Engine()
    assert engine.determine(export_of(FREE_CODE, dt.date(2027, 3, 25))).outcome.value == (
        "not_controlled"
    )
    on = engine.determine(export_of(FREE_CODE, dt.date(2027, 3, 26)))
    assert on.outcome.value == "licence_required"
    assert on.data_release == draft.release.release


def test_an_urgent_amendment_applies_at_once_and_its_repeal_ends_it(data: Path) -> None:
    events = adopted(urgent=True)
    change = adoption_change(run(events), data)
    change.apply(data)
    assert load_catalogue(data).entries[ENTRY].versions[0].valid_from == DECIDED + DAY
    objected = DECIDED + 20 * DAY
    repealed = run([*events, event("object", objected, "state-FR", text="No immediate risk")])
    with pytest.raises(ProcedureError, match="repealed, not adopted"):
        adoption_change(repealed, data)
    repeal_change(repealed, data).apply(data)
    (version,) = load_catalogue(data).entries[ENTRY].versions
    assert (version.valid_from, version.valid_until) == (DECIDED + DAY, objected)
    engine = Engine(load_catalogue(data))
    assert engine.determine(export_of(FREE_CODE, objected)).outcome.value == "licence_required"
    assert engine.determine(export_of(FREE_CODE, objected + DAY)).outcome.value == "not_controlled"


def test_a_repealed_urgent_move_gives_the_earlier_version_back(data: Path) -> None:
    draft = {"annex": "II", "item": "2.9", "category": "torture_only", "title": "Anchored cuffs"}
    events = adopted(urgent=True, change="move", entry="eu-2019-125/anchored-cuffs", draft=draft)
    adoption_change(run(events), data).apply(data)
    objected = DECIDED + 5 * DAY
    repealed = run([*events, event("object", objected, "state-FR", text="Disproportionate")])
    repeal_change(repealed, data).apply(data)
    doc = yaml.safe_load((data / CUFFS).read_text())
    versions = load_catalogue(data).entries["eu-2019-125/anchored-cuffs"].versions
    assert [(v.item, v.valid_from, v.valid_until) for v in versions[-3:]] == [
        ("2.6", dt.date(2025, 8, 20), DECIDED),
        ("2.9", DECIDED + DAY, objected),
        ("2.6", objected + DAY, None),
    ]
    assert "repealed on objection by state-FR" in doc["versions"][-1]["citation"]["title"]
