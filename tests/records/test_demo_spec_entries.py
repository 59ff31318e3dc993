"""The demo goods mix names real list entries, with the categories the lists give them."""

from __future__ import annotations

from pathlib import Path

import yaml

from torturefree.lists import load_catalogue

SPEC = Path(__file__).parent / "fixtures" / "demo-spec.yaml"


def test_every_demo_entry_exists_with_its_category() -> None:
    catalogue = load_catalogue()
    for goods in yaml.safe_load(SPEC.read_text(encoding="utf-8"))["goods"]:
        entry = catalogue.entries.get(goods["entry_id"])
        assert entry is not None, goods["entry_id"]
        assert goods["category"] in {v.category.value for v in entry.versions}, goods["entry_id"]
