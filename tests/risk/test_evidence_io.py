from __future__ import annotations

from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.risk import EvidenceStore, import_evidence
from torturefree.risk.countries import load_countries
from torturefree.risk.evidence_io import read_evidence
from torturefree.risk.model import Practice
from torturefree.vocabulary import Knowledge

FIX = Path(__file__).parent / "fixtures"


def test_csv_items_with_lists_and_citation() -> None:
    items = {i.id: i for i in read_evidence(FIX / "evidence_items.csv", load_countries())}
    gm = items["gm-cat-2021"]
    assert gm.citation.symbol == "CAT/C/GMB/CO/1"
    assert gm.practices == [Practice.BEATINGS, Practice.ILL_TREATMENT_IN_DETENTION]
    assert gm.end_users == ["Police Intervention Unit"]
    assert items["us-court-2022"].concerns == {Knowledge.CAPITAL_PUNISHMENT}


def test_json_lines_items_get_stable_ids_and_normalised_countries() -> None:
    first = read_evidence(FIX / "evidence_items.jsonl", load_countries())
    second = read_evidence(FIX / "evidence_items.jsonl", load_countries())
    assert [i.id for i in first] == [i.id for i in second]
    assert first[1].country == "TR"


def test_reimport_changes_nothing(store: EvidenceStore) -> None:
    first = import_evidence(store, FIX / "evidence_items.csv", actor="t", reason="r")
    again = import_evidence(store, FIX / "evidence_items.csv", actor="t", reason="r")
    assert (first.added, again.added, again.unchanged) == (3, 0, 3)


@pytest.mark.parametrize(
    ("name", "line", "field", "reason"),
    [
        ("bad_country.csv", 3, "country", "unknown country code 'ZZ'"),
        ("bad_date.csv", 4, "date", "date"),
        ("latin1.csv", 3, None, "not UTF-8"),
        ("bad_kind.csv", 2, "kind", "Input should be"),
    ],
)
def test_bad_input_names_line_and_field(
    store: EvidenceStore, name: str, line: int, field: str | None, reason: str
) -> None:
    with pytest.raises(InputError) as error:
        import_evidence(store, FIX / name, actor="t", reason="r")
    assert error.value.line == line
    assert error.value.field == field
    assert reason in error.value.reason
    assert store.items() == []  # nothing written
