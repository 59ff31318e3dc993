"""Properties of releases: N then N+1 is N+1; a release against itself differs in nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.lists.release_kit import hub_key, release

from torturefree.lists import load_catalogue
from torturefree.lists.release_build import catalogue_of
from torturefree.lists.release_diff import diff_files, diff_releases
from torturefree.lists.release_open import manifest_hashes
from torturefree.lists.release_store import ReleaseStore

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
HUB = hub_key()
ISSUED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)

days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
new_entries = st.lists(st.tuples(days, st.sampled_from(["II", "III"])), max_size=4)


def _entry(annex: str, item: str, start: dt.date) -> str:
    category = "torture_only" if annex == "II" else "torture_capable"
    return (
        f"instrument: test-reg\nversions:\n  - valid_from: {start.isoformat()}\n"
        f"    annex: {annex}\n    item: '{item}'\n    category: {category}\n"
        f"    title: Generated thing {item}\n    cn_codes: [{{code: '8543 70 90'}}]\n"
        f"    citation: {{title: 'Test regulation, item {item}'}}\n"
    )


def _tree(folder: Path, entries: list[tuple[dt.date, str]]) -> Path:
    root = folder / "data"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(MINIMAL, root)
    for number, (start, annex) in enumerate(entries):
        path = root / "lists" / "test-reg" / f"generated-{number}.yaml"
        path.write_text(_entry(annex, f"{number + 5}.1", start), encoding="utf-8")
    return root


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=new_entries, added=new_entries, probe=days)
def test_loading_n_then_n1_gives_the_snapshot_of_n1_alone(
    first: list[tuple[dt.date, str]], added: list[tuple[dt.date, str]], probe: dt.date
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        n = release(_tree(folder, first), HUB, folder / "n.tar", issued_at=ISSUED)
        later = ISSUED + dt.timedelta(days=1)
        release(_tree(folder, first + added), HUB, folder / "n1.tar", n, issued_at=later)
        both, alone = ReleaseStore(folder / "both"), ReleaseStore(folder / "alone")
        both.load(folder / "n.tar", HUB.public)
        both.load(folder / "n1.tar", HUB.public)
        alone.load(folder / "n1.tar", HUB.public)
        current_both, current_alone = both.current(), alone.current()
        assert current_both is not None and current_alone is not None
        a = load_catalogue(both.data_path(current_both.release))
        b = load_catalogue(alone.data_path(current_alone.release))
        assert a.release == b.release
        day = max(probe, a.earliest())
        assert a.snapshot(day) == b.snapshot(day)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=new_entries)
def test_a_release_against_itself_differs_in_nothing(entries: list[tuple[dt.date, str]]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        built = release(_tree(folder, entries), HUB, folder / "r.tar", issued_at=ISSUED)
        catalogue = catalogue_of(built.files)
        assert diff_releases(catalogue, catalogue) == []
        assert diff_files(manifest_hashes(built), manifest_hashes(built)) == []


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=new_entries, added=new_entries.filter(bool))
def test_the_changelog_lists_each_added_entry_on_its_first_day(
    first: list[tuple[dt.date, str]], added: list[tuple[dt.date, str]]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        n = release(_tree(folder, first), HUB, folder / "n.tar", issued_at=ISSUED)
        n1 = release(_tree(folder, first + added), HUB, folder / "n1.tar", n, issued_at=ISSUED)
        logged = {(e["entry"], e["date"], e["kind"]) for e in n1.manifest["changelog"]["entries"]}
        expected = {
            (f"test-reg/generated-{len(first) + i}", start.isoformat(), "added")
            for i, (start, _) in enumerate(added)
        }
        assert logged == expected
