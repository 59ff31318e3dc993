from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from torturefree.risk import EvidenceStore
from torturefree.risk.errors import RiskError
from torturefree.risk.imports import import_dataset, import_folder
from torturefree.risk.model import Citation, EvidenceItem, EvidenceKind

FIX = Path(__file__).parent / "fixtures" / "evidence"


def _item(summary: str = "first") -> EvidenceItem:
    return EvidenceItem(
        id="x-1",
        kind=EvidenceKind.CPT_REPORT,
        issuing_body="CPT",
        country="GB",
        date=dt.date(2023, 4, 1),
        citation=Citation(title="Report"),
        summary=summary,
    )


def test_each_edit_is_a_new_version_with_who_and_why(store: EvidenceStore) -> None:
    store.save_item(_item(), actor="ana", reason="entered")
    assert store.save_item(_item(), actor="ana", reason="again") is None  # unchanged
    store.save_item(_item("corrected"), actor="ben", reason="typo")
    history = store.history("x-1")
    assert [(v.version, v.actor, v.reason) for v in history] == [
        (1, "ana", "entered"),
        (2, "ben", "typo"),
    ]
    assert store.items()[0].summary == "corrected"


def test_withdrawn_items_leave_the_register_but_keep_history(store: EvidenceStore) -> None:
    store.save_item(_item(), actor="ana", reason="entered")
    store.withdraw_item("x-1", actor="ben", reason="duplicate")
    assert store.items() == []
    assert store.history("x-1")[-1].withdrawn
    with pytest.raises(RiskError):
        store.withdraw_item("x-1", actor="ben", reason="again")


def test_fact_import_is_idempotent_and_records_the_hash(store: EvidenceStore) -> None:
    first = import_dataset(store, "pts", FIX / "pts" / "PTS-2024.csv")
    again = import_dataset(store, "pts", FIX / "pts" / "PTS-2024.csv")
    assert first.changed and not again.changed
    assert len(store.imports()) == 1
    assert first.record.sha256 == again.record.sha256 and len(first.record.sha256) == 64
    assert store.facts(dataset="pts", country="TR")[0].value == 4


def test_a_bad_file_in_a_folder_leaves_the_store_unchanged(
    store: EvidenceStore, tmp_path: Path
) -> None:
    folder = tmp_path / "evidence"
    (folder / "amnesty_death_penalty").mkdir(parents=True)
    (folder / "amnesty_death_penalty" / "data.json").write_bytes(
        (FIX / "amnesty_death_penalty" / "data.json").read_bytes()
    )
    (folder / "cirights").mkdir()
    (folder / "cirights" / "cirights_v1.22.11.25.csv").write_bytes(b"country,year\nX,\xff\n")
    with pytest.raises(Exception, match=r"not UTF-8|missing columns"):
        import_folder(store, folder)
    assert store.imports() == [] and store.facts() == []


def test_a_new_version_of_a_dataset_replaces_the_old_facts(
    store: EvidenceStore, tmp_path: Path
) -> None:
    import_dataset(store, "pts", FIX / "pts" / "PTS-2024.csv")
    newer = tmp_path / "PTS-2025.csv"
    newer.write_bytes(
        (FIX / "pts" / "PTS-2024.csv").read_bytes().replace(b"792,eca,4", b"792,eca,5")
    )
    assert import_dataset(store, "pts", newer).changed
    assert store.facts(dataset="pts", country="TR")[0].value == 5
    assert store.imports()[0].sha256 != store.current_import("pts").sha256  # type: ignore[union-attr]
