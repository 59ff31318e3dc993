"""A release adding an entry from a future date: loaded early it changes nothing until that day;
every determination names its release, and re-running it against that release gives its answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.lists.release_kit import (
    FUTURE,
    FUTURE_CODE,
    FUTURE_ENTRY,
    export_of,
    hub_key,
    n_and_next,
)

from torturefree.lists import load_catalogue
from torturefree.lists.release_diff import release_changes_on
from torturefree.lists.release_feed import changes_feed
from torturefree.lists.release_open import release_catalogue
from torturefree.lists.release_store import ReleaseStore
from torturefree.paths import data_dir
from torturefree.rules import Engine

ISSUED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A node home that loaded N (today's data) then N+1 (adds FUTURE_ENTRY from FUTURE)."""
    folder = tmp_path_factory.mktemp("story")
    hub = hub_key()
    n, n1 = n_and_next(folder, hub, ISSUED)
    home = folder / "home"
    store = ReleaseStore(home)
    store.load(folder / "n.tar", hub.public)
    store.load(folder / "n1.tar", hub.public)
    return home, n.release, n1.release


@pytest.fixture
def engine_home(node: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TORTUREFREE_DATA", raising=False)
    monkeypatch.delenv("TORTUREFREE_RELEASE", raising=False)
    monkeypatch.setenv("TORTUREFREE_HOME", str(node[0]))
    return node[0]


def test_the_engines_read_the_loaded_release(
    engine_home: Path, node: tuple[Path, str, str]
) -> None:
    assert data_dir() == ReleaseStore(engine_home).data_path(node[2])
    assert load_catalogue().release == node[2]


def test_before_the_day_free_on_the_day_licensable(
    engine_home: Path, node: tuple[Path, str, str]
) -> None:
    engine = Engine()
    before = engine.determine(export_of(FUTURE_CODE, FUTURE - dt.timedelta(days=1)))
    on = engine.determine(export_of(FUTURE_CODE, FUTURE))
    assert before.outcome.value == "not_controlled"
    assert on.outcome.value == "licence_required"
    assert before.data_release == on.data_release == node[2]
    assert FUTURE_ENTRY in {e["id"] for g in on.to_dict()["goods"] for e in g["entries"]}


def test_rerunning_against_the_recorded_release_gives_the_same_answer(
    engine_home: Path, node: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TORTUREFREE_RELEASE", node[1])  # the node as it was under release N
    old = Engine().determine(export_of(FUTURE_CODE, FUTURE)).to_dict()
    assert old["data_release"] == node[1] and old["outcome"] == "not_controlled"
    monkeypatch.delenv("TORTUREFREE_RELEASE")
    assert Engine().determine(export_of(FUTURE_CODE, FUTURE)).outcome.value == "licence_required"
    again = Engine(release_catalogue(old["data_release"], engine_home))
    assert again.determine(export_of(FUTURE_CODE, FUTURE)).to_dict() == old


def test_what_changes_on_the_day(engine_home: Path, node: tuple[Path, str, str]) -> None:
    catalogue = load_catalogue()
    on = release_changes_on(catalogue, FUTURE)
    assert [(c["entry"], c["kind"]) for c in on["entries"]] == [(FUTURE_ENTRY, "added")]
    assert release_changes_on(catalogue, FUTURE + dt.timedelta(days=1))["entries"] == []
    feed = changes_feed(catalogue, FUTURE)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["_torturefree"]["entry"] for i in feed["items"]] == [FUTURE_ENTRY]


def test_builtin_switches_back_to_the_shipped_data(
    engine_home: Path, monkeypatch: pytest.MonkeyPatch, node: tuple[Path, str, str]
) -> None:
    monkeypatch.setenv("TORTUREFREE_RELEASE", "builtin")
    assert load_catalogue().release == node[1]


@pytest.fixture(scope="module")
def engines_by_release(node: tuple[Path, str, str]) -> dict[str, Engine]:
    """Per release, the engine that answered and one loaded again later from the store."""
    home = node[0]
    engines = {r: Engine(release_catalogue(r, home)) for r in node[1:]}
    return engines | {f"again/{r}": Engine(release_catalogue(r, home)) for r in node[1:]}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    day=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2028, 12, 31)),
    code=st.sampled_from([FUTURE_CODE, "9304 00 00", "8543 70 90", "0901 21 00"]),
    destination=st.sampled_from(["US", "BR", "CN", "NO"]),
    which=st.sampled_from([1, 2]),
)
def test_every_determination_names_its_release_and_reruns_to_the_same_answer(
    engines_by_release: dict[str, Engine],
    node: tuple[Path, str, str],
    day: dt.date,
    code: str,
    destination: str,
    which: int,
) -> None:
    release = node[which]
    transaction = export_of(code, day) | {"destination": destination}
    answer = engines_by_release[release].determine(transaction).to_dict()
    assert answer["data_release"] == release
    again = engines_by_release[f"again/{answer['data_release']}"]
    assert again.catalogue is not engines_by_release[release].catalogue
    assert again.determine(transaction).to_dict() == answer
