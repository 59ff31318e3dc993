"""The real data/ tree: loads for every date since the oldest list, and diffs the 2025 replacement."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from torturefree.lists import Catalogue, load_catalogue
from torturefree.lists.diff import diff_lists
from torturefree.rules.rulebook import load_rulebook


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_every_date_since_the_oldest_list_has_a_snapshot(catalogue: Catalogue) -> None:
    load_rulebook(catalogue)
    day, today = catalogue.earliest(), dt.date.today()
    while day <= today:
        snapshot = catalogue.snapshot(day)
        assert any(e.instrument == "eu-2019-125" for e in snapshot.entries()) or day < dt.date(
            2019, 2, 20
        )
        day += dt.timedelta(days=7)


def test_the_2025_replacement_diff(catalogue: Catalogue) -> None:
    changes = {
        c.entry: c
        for c in diff_lists(catalogue, dt.date(2025, 8, 19), dt.date(2025, 8, 20), ("eu-2019-125",))
    }
    assert changes["eu-2019-125/gang-chains"].kind == "added"
    assert changes["eu-2019-125/leg-irons"].kind == "added"
    moved = changes["eu-2019-125/fixed-indoor-irritant-dispensers"]
    assert any(
        "moved from Annex III (torture_capable) to Annex II (torture_only)" in n
        for n in moved.changes
    )
    assert any(
        n.startswith("renumbered 2.5 -> 2.7")
        for n in changes["eu-2019-125/restraint-chairs"].changes
    )
    assert any("CN codes added: 2939 79 90" in n for n in changes["eu-2019-125/pava"].changes)
    assert "eu-2019-125/pentobarbital" not in changes  # Annex IV was not replaced


def test_no_change_between_two_days_of_one_period(catalogue: Catalogue) -> None:
    assert diff_lists(catalogue, dt.date(2022, 1, 1), dt.date(2022, 6, 1), ("eu-2019-125",)) == []


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "torturefree.cli.main", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_lists_show_prints_the_entries_in_force() -> None:
    result = cli("lists", "show", "--instrument", "eu-2019-125", "--date", "2025-09-01", "--json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["entries"]
    assert len(entries) == 51
    thumb = next(e for e in entries if e["id"] == "eu-2019-125/thumb-cuffs")
    assert (thumb["annex"], thumb["item"], thumb["category"]) == ("II", "2.2", "torture_only")


def test_lists_diff_cli_summarises_the_2025_replacement() -> None:
    result = cli(
        "lists", "diff", "--from", "2025-08-19", "--to", "2025-08-20", "--instrument", "eu-2019-125"
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["added"] == 14 and summary["removed"] == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("lists", "show", "--date", "2009-01-01"), "before the oldest list"),
        (("lists", "show", "--date", "yesterday"), "--date"),
        (("lists", "show", "--instrument", "nope"), "unknown instrument"),
        (("lists", "diff", "--from", "2025-08-20", "--to", "2025-08-19"), "--to is before --from"),
    ],
)
def test_lists_bad_input_exits_2(args: tuple[str, ...], words: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert words in result.stderr
