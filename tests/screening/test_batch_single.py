"""A record screened in a batch is answered as if it were screened alone.

The speed work shares work across a batch (indexes, dispositions, parties met twice) and across
the lists of one query (gather.py, joined.py): none of it may change one record's answer. Each
record of a mixed batch (Latin, Arabic, Cyrillic, Chinese, Khmer, empty, repeated, 70 records)
is compared with the same record screened in a batch of its own.
"""

from __future__ import annotations

import json
from typing import Any

from torturefree.screening.batch import read_batch, screen_batch
from torturefree.screening.store import WatchlistStore

RECORDS: list[dict[str, Any]] = [
    {"name": "SALEK, ABDULHAI", "schema": "Person"},
    {"name": "Abdul Hai Salik", "birth_date": "1965"},
    {"name": "عبد القدير بصير"},
    {"name": "Иван Петров", "country": "ru"},
    {"name": "王伟"},
    {"name": "ហ៊ុន សែន"},
    {"name": "Hun Sen ហ៊ុន សែន"},
    {"name": "  "},
    {"name": "Global Comm Grp"},
    {"name": "Banco Nacional de Cuba"},
    {"name": "Sea Star", "schema": "Vessel"},
    {"name": "Acme Security Products Limited", "schema": "Company"},
    {"name": "John Smith"},
    {"name": "CORP"},
]


def _answer(result: dict[str, Any]) -> dict[str, Any]:
    # When and where in the input differ between the runs; everything else must not.
    return {k: v for k, v in result.items() if k not in ("screened_at", "line")}


def test_each_record_of_a_batch_is_answered_as_alone(loaded: WatchlistStore) -> None:
    records = RECORDS * 5  # 70 records: repeated parties, and more than one of every kind
    text = "\n".join(json.dumps({"id": str(n), **r}) for n, r in enumerate(records))
    together = screen_batch(loaded, read_batch(text, "<stdin>"), threshold=0.5, limit=10)
    assert len(together) == len(records)
    assert any(r["matches"] for r in together), "the fixture lists hold some of these names"
    for line, result in zip(text.splitlines(), together, strict=True):
        alone = screen_batch(loaded, read_batch(line, "<stdin>"), threshold=0.5, limit=10)
        assert [_answer(a) for a in alone] == [_answer(result)]
