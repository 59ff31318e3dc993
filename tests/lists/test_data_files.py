"""The real data/ tree validates: every file against its model, dates in order, references resolved.

Independent of the loader (torturefree.lists.catalogue): it reads the YAML itself and uses only the
models, so a broken data file fails here with its file name even if the loader changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from torturefree.lists.errors import DataError
from torturefree.lists.files import read_yaml
from torturefree.lists.model import (
    Citation,
    DestinationSetFile,
    EntryFile,
    EntryVersion,
    InstrumentFile,
    ParameterFile,
    cas_checksum_ok,
)

DATA = Path(__file__).resolve().parents[2] / "data"
FOLDERS: dict[str, type[BaseModel]] = {
    "instruments": InstrumentFile,
    "destinations": DestinationSetFile,
    "parameters": ParameterFile,
}

# Counted from /work/shared/reference/eu_2019_125_annexes.md (tables 1A, 1B, 2A, 2B and §3):
# Annex II 2019: 1.1-1.4, 2.1-2.8, 3.1-3.2, 4.1-4.2 = 16 items; 2025: 1.1-1.4, 2.1-2.11, 3.1-3.5,
# 4.1-4.3, 5.1-5.2 = 25. Annex III 2019: 1.1-1.3, 2.1-2.3, 3.1-3.6 = 12; 2025: 1.1-1.4, 2.1-2.6,
# 3.1-3.7 = 17. Annex IV (not replaced): 1.1(a)-(h) one entry per named substance, plus the note on
# products containing them = 9.
EU_COUNTS = {
    dt.date(2025, 8, 19): {"II": 16, "III": 12, "IV": 9},
    dt.date(2025, 8, 20): {"II": 25, "III": 17, "IV": 9},
}
# Contracts vocabulary: Annex II section 1 is execution goods, the rest of Annex II torture goods.
EU_CATEGORY = {"III": "torture_capable", "IV": "death_penalty_capable"}
# Measured quantities used by ParameterRule conditions: one name per quantity across all files.
QUANTITIES = {
    "overall_length_locked": "mm",
    "inside_circumference_last_notch": "mm",
    "inside_circumference_first_notch": "mm",
    "pava_oc_concentration": "percent_by_weight",
    "calibre": "mm",
    "barrels": "count",
    "baton_length": "mm",
    "net_weight_per_container": "g",
}
TERM_LANGUAGES = {"en", "fr", "es", "de", "ru"}


def _read(path: Path) -> Any:
    # The loader's strict YAML reading (duplicated keys refused), without its cross-file checks.
    return read_yaml(path)


def _validate(model: type[BaseModel], path: Path) -> Any:
    try:
        return model.model_validate(_read(path))
    except (ValidationError, DataError) as error:
        pytest.fail(f"{path.relative_to(DATA)}: {error}")


def _files(folder: str, pattern: str = "*.yaml") -> list[Path]:
    return sorted((DATA / folder).glob(pattern))


def _entry_paths() -> list[Path]:
    return _files("lists", "*/*.yaml")


def _load_all() -> tuple[dict[str, Any], dict[str, EntryFile]]:
    others = {
        f"{folder}/{path.stem}": _validate(model, path)
        for folder, model in FOLDERS.items()
        for path in _files(folder)
    }
    entries = {f"{p.parent.name}/{p.stem}": _validate(EntryFile, p) for p in _entry_paths()}
    return others, entries


@pytest.fixture(scope="module")
def data() -> tuple[dict[str, Any], dict[str, EntryFile]]:
    return _load_all()


@pytest.fixture(scope="module")
def entries(data: tuple[dict[str, Any], dict[str, EntryFile]]) -> dict[str, EntryFile]:
    return data[1]


@pytest.fixture(scope="module")
def instruments(data: tuple[dict[str, Any], dict[str, EntryFile]]) -> dict[str, InstrumentFile]:
    return {k.split("/", 1)[1]: v for k, v in data[0].items() if k.startswith("instruments/")}


def _in_force(version: EntryVersion, date: dt.date) -> bool:
    return version.valid_from <= date and (
        version.valid_until is None or date <= version.valid_until
    )


def _overlap(periods: Sequence[Any]) -> str | None:
    """Describe the first overlap or inversion among periods given in file order, else None."""
    for earlier, later in pairwise(periods):
        if later.valid_from <= earlier.valid_from:
            return f"period starting {later.valid_from} is not after {earlier.valid_from}"
        if earlier.valid_until is None or earlier.valid_until >= later.valid_from:
            return (
                f"period starting {later.valid_from} overlaps the one starting {earlier.valid_from}"
            )
    return None


def _citations(node: Any) -> Iterable[Citation]:
    if isinstance(node, Citation):
        yield node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _citations(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _citations(item)


@pytest.mark.parametrize(
    ("folder", "path"),
    [(f, p) for f in FOLDERS for p in _files(f)] + [("lists", p) for p in _entry_paths()],
    ids=lambda value: value.relative_to(DATA).as_posix() if isinstance(value, Path) else value,
)
def test_file_validates_against_its_model(folder: str, path: Path) -> None:
    _validate(FOLDERS.get(folder, EntryFile), path)


def test_the_data_tree_is_not_empty() -> None:
    assert (
        _files("instruments") and _entry_paths() and _files("destinations") and _files("parameters")
    )


def test_entry_lies_in_its_instruments_folder(entries: dict[str, EntryFile]) -> None:
    wrong = [i for i, e in entries.items() if i.split("/")[0] != e.instrument]
    assert not wrong, f"entries whose folder differs from 'instrument': {wrong}"


def test_entry_versions_are_ordered_and_do_not_overlap(entries: dict[str, EntryFile]) -> None:
    problems = {i: p for i, e in entries.items() if (p := _overlap(e.versions))}
    assert not problems, problems


def test_parameter_versions_are_ordered_and_do_not_overlap(data: Any) -> None:
    parameters = {k: v for k, v in data[0].items() if k.startswith("parameters/")}
    problems = {k: p for k, v in parameters.items() if (p := _overlap(v.versions))}
    assert not problems, problems


def test_destination_members_do_not_overlap(data: Any) -> None:
    problems = {}
    for key, dest in data[0].items():
        if not key.startswith("destinations/"):
            continue
        by_member: dict[str, list[Any]] = {}
        for member in dest.members:
            by_member.setdefault(f"{member.country}/{member.name}", []).append(member)
        for name, periods in by_member.items():
            ordered = sorted(periods, key=lambda m: m.valid_from)
            if problem := _overlap(ordered):
                problems[f"{key} {name}"] = problem
    assert not problems, problems


def test_every_instrument_reference_exists(
    data: Any, entries: dict[str, EntryFile], instruments: dict[str, InstrumentFile]
) -> None:
    referring = {k: v.instrument for k, v in data[0].items() if getattr(v, "instrument", None)}
    referring |= {f"lists/{k}": e.instrument for k, e in entries.items()}
    dangling = {k: ref for k, ref in referring.items() if ref not in instruments}
    assert not dangling, f"unknown instruments: {dangling}"


def test_every_eu_amendment_has_its_own_instrument_file(
    instruments: dict[str, InstrumentFile],
) -> None:
    amendments = [a.id for a in instruments["eu-2019-125"].amended_by]
    assert amendments == ["eu-2020-621", "eu-2021-139", "eu-2025-928"]
    for amendment in instruments["eu-2019-125"].amended_by:
        assert instruments[amendment.id].in_force == amendment.in_force, amendment.id


def test_every_correspondence_names_an_existing_entry(entries: dict[str, EntryFile]) -> None:
    dangling = {i: t for i, e in entries.items() for t in e.corresponds_to if t not in entries}
    assert not dangling, f"corresponds_to names unknown entries: {dangling}"


@pytest.mark.parametrize("date", sorted(EU_COUNTS), ids=str)
def test_eu_entries_in_force_number_what_the_annexes_list(
    entries: dict[str, EntryFile], date: dt.date
) -> None:
    counted = Counter(
        v.annex
        for i, e in entries.items()
        if e.instrument == "eu-2019-125"
        for v in e.versions
        if _in_force(v, date)
    )
    assert dict(counted) == EU_COUNTS[date]


def test_eu_item_numbers_are_unique_on_each_date(entries: dict[str, EntryFile]) -> None:
    for date in EU_COUNTS:
        items = Counter(
            (v.annex, v.item)
            for e in entries.values()
            if e.instrument == "eu-2019-125"
            for v in e.versions
            if _in_force(v, date)
        )
        assert not [k for k, n in items.items() if n > 1], f"duplicated items on {date}"


def test_eu_categories_follow_the_annex(entries: dict[str, EntryFile]) -> None:
    for entry_id, entry in entries.items():
        if entry.instrument != "eu-2019-125":
            continue
        for version in entry.versions:
            if version.annex == "II":
                execution = version.item.startswith("1.")
                expected = "death_penalty_only" if execution else "torture_only"
            else:
                expected = EU_CATEGORY[version.annex]
            assert version.category.value == expected, f"{entry_id} {version.item}"


def test_entries_continuing_across_the_2025_replacement_keep_one_identity(
    entries: dict[str, EntryFile],
) -> None:
    """Renumbered or moved items are one entry with two versions (data-format.md, idea 1)."""
    expected = {
        "eu-2019-125/anchored-cuffs": [("II", "2.4"), ("II", "2.6")],
        "eu-2019-125/restraint-chairs": [("II", "2.5"), ("II", "2.7")],
        "eu-2019-125/shackle-boards-and-beds": [("II", "2.6"), ("II", "2.8")],
        "eu-2019-125/cage-beds": [("II", "2.7"), ("II", "2.9")],
        "eu-2019-125/net-beds": [("II", "2.8"), ("II", "2.10")],
        "eu-2019-125/spiked-shields": [("II", "3.2"), ("II", "3.4")],
        "eu-2019-125/spit-hoods": [("III", "1.3"), ("III", "1.4")],
        "eu-2019-125/wide-area-irritant-dispensers": [("III", "3.6"), ("III", "3.5")],
        "eu-2019-125/fixed-indoor-irritant-dispensers": [("III", "3.5"), ("II", "5.1")],
        "eu-2019-125/shackles": [("III", "1.1"), ("III", "1.1")],
    }
    for entry_id, items in expected.items():
        got = [(v.annex, v.item) for v in entries[entry_id].versions]
        assert got == items, entry_id
    assert entries["eu-2019-125/gang-chains"].versions[0].valid_from == dt.date(2025, 8, 20)


def test_every_cas_number_passes_its_check_digit(entries: dict[str, EntryFile]) -> None:
    numbers = [
        (i, c.number)
        for i, e in entries.items()
        for c in [*e.related_substances, *(c for v in e.versions for c in v.cas)]
    ]
    assert numbers
    bad = [(i, n) for i, n in numbers if not cas_checksum_ok(n)]
    assert not bad, bad


def test_parameter_quantities_use_the_shared_names_and_units(entries: dict[str, EntryFile]) -> None:
    for entry_id, entry in entries.items():
        for version in entry.versions:
            for rule in version.parameters:
                for condition in rule.all_of:
                    assert QUANTITIES.get(condition.quantity) == condition.unit, (
                        f"{entry_id}: {condition.quantity} in {condition.unit}"
                    )


def test_exclusion_and_parameter_ids_are_unique_within_a_version(
    entries: dict[str, EntryFile],
) -> None:
    for entry_id, entry in entries.items():
        for version in entry.versions:
            ids = [x.id for x in version.exclusions]
            assert len(ids) == len(set(ids)), entry_id
            rules = [p.id for p in version.parameters]
            assert len(rules) == len(set(rules)), entry_id


def test_eu_entries_have_terms_in_the_five_languages(entries: dict[str, EntryFile]) -> None:
    missing = {
        i: sorted(TERM_LANGUAGES - set(e.terms))
        for i, e in entries.items()
        if e.instrument == "eu-2019-125" and not set(e.terms) >= TERM_LANGUAGES
    }
    assert not missing, missing


def test_every_unverified_citation_says_why(data: Any, entries: dict[str, EntryFile]) -> None:
    # Parameters are left out: records-retention.yaml keeps its reason in a YAML comment.
    models = [
        *(v for k, v in data[0].items() if not k.startswith("parameters/")),
        *entries.values(),
    ]
    silent = [c.title for m in models for c in _citations(m) if not c.verified and not c.note]
    assert not silent, f"citations marked verified: false without a note: {silent}"
    cas = [
        (i, c.number)
        for i, e in entries.items()
        for v in e.versions
        for c in v.cas
        if not c.verified and not c.note
    ]
    assert not cas, cas
