"""The loader: a minimal valid tree loads; each broken fixture is refused with a message naming it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.lists import DataError, load_catalogue
from torturefree.rules.rulebook import load_rulebook

FIXTURES = Path(__file__).parent / "fixtures"

# broken fixture -> (file the message must name, words the message must contain)
BROKEN = {
    "bad-date": ("thing.yaml", "valid_from"),
    "unknown-key": ("thing.yaml", "unknown key"),
    "missing-citation": ("thing.yaml", "required but missing"),
    "overlapping-period": ("thing.yaml", "overlaps"),
    "inverted-period": ("thing.yaml", "is before valid_from"),
    "unknown-instrument": ("other.yaml", "unknown instrument 'nope'"),
    "dangling-correspondence": ("other.yaml", "unknown entry 'test-reg/missing'"),
    "bad-yaml": ("thing.yaml", "not valid YAML"),
    "duplicated-key": ("thing.yaml", "duplicated key 'instrument'"),
    "bad-cas": ("thing.yaml", "check digit"),
    "bad-cn-code": ("thing.yaml", "not a CN/HS code"),
    "unknown-category": ("thing.yaml", "category"),
    "folder-mismatch": ("thing.yaml", "lies in folder 'test-reg'"),
    "bad-country": ("test-set.yaml", "alpha-2"),
    "unknown-condition": ("test-reg.yaml", "unknown condition 'moon_phase'"),
    "unknown-destination-set": ("test-reg.yaml", "unknown destination set 'nowhere'"),
    "no-default-clause": ("test-reg.yaml", "last clause must have no conditions"),
    "unknown-rules-file": ("TEST.yaml", "no rules file 'no-such-rules'"),
}


def tree(tmp_path: Path, broken: str | None = None) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", root)
    if broken:
        shutil.copytree(FIXTURES / "broken" / broken, root, dirs_exist_ok=True)
    return root


def test_minimal_tree_loads_with_a_release_id(tmp_path: Path) -> None:
    catalogue = load_catalogue(tree(tmp_path))
    assert catalogue.release.startswith("sha256:")
    assert catalogue.earliest() == dt.date(2020, 1, 1)
    assert list(catalogue.entries) == ["test-reg/thing"]


def test_every_broken_fixture_has_a_test() -> None:
    assert {p.name for p in (FIXTURES / "broken").iterdir()} == set(BROKEN)


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_broken_data_is_refused_naming_file_and_reason(tmp_path: Path, broken: str) -> None:
    filename, words = BROKEN[broken]
    with pytest.raises(DataError) as error:
        load_rulebook(load_catalogue(tree(tmp_path, broken)))
    assert filename in str(error.value)
    assert words in str(error.value)


def test_the_same_data_gives_the_same_release_and_a_change_another(tmp_path: Path) -> None:
    root = tree(tmp_path)
    first = load_catalogue(root).release
    assert load_catalogue(root).release == first
    (root / "parameters" / "test-days.yaml").write_text(
        (root / "parameters" / "test-days.yaml").read_text().replace("30", "31")
    )
    assert load_catalogue(root).release != first


def test_snapshot_picks_the_version_in_force(tmp_path: Path) -> None:
    catalogue = load_catalogue(tree(tmp_path))
    before = catalogue.snapshot(dt.date(2020, 12, 31)).entry("test-reg/thing")
    after = catalogue.snapshot(dt.date(2021, 1, 1)).entry("test-reg/thing")
    assert before is not None and before.annex == "II" and before.version.item == "1.1"
    assert after is not None and after.annex == "III" and after.version.item == "1.2"


def test_a_date_before_the_oldest_list_is_bad_input(tmp_path: Path) -> None:
    catalogue = load_catalogue(tree(tmp_path))
    with pytest.raises(InputError) as error:
        catalogue.snapshot(dt.date(2019, 12, 31))
    assert error.value.field == "date"
    assert "before the oldest list" in error.value.reason


def test_snapshots_are_shared_within_a_period_but_keep_their_own_date(tmp_path: Path) -> None:
    catalogue = load_catalogue(tree(tmp_path))
    first = catalogue.snapshot(dt.date(2021, 3, 1))
    assert catalogue.snapshot(dt.date(2021, 3, 1)) is first
    assert catalogue.snapshot(dt.date(2021, 3, 2)).date == dt.date(2021, 3, 2)


def test_destination_sets_and_parameters_are_dated(tmp_path: Path) -> None:
    snapshot = load_catalogue(tree(tmp_path)).snapshot(dt.date(2020, 6, 1))
    assert snapshot.destinations("test-set").contains("AR")
    assert not snapshot.destinations("test-set").contains("BR")
    assert snapshot.parameter("test-days").value == 30
