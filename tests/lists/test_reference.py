"""docs/lists.md is generated from data/: it must match what the data says now (style.md §12)."""

from __future__ import annotations

from pathlib import Path

from torturefree.lists import load_catalogue
from torturefree.lists.reference import render_reference


def test_the_list_reference_is_up_to_date(repo_root: Path) -> None:
    expected = render_reference(load_catalogue())
    actual = (repo_root / "docs" / "lists.md").read_text(encoding="utf-8")
    assert actual == expected, "run: torturefree lists reference --out docs/lists.md"


def test_the_reference_shows_each_version_of_a_renumbered_entry() -> None:
    text = render_reference(load_catalogue())
    rows = [
        line for line in text.splitlines() if line.startswith("| `eu-2019-125/restraint-chairs`")
    ]
    assert len(rows) == 2
    assert "| 2.5 |" in rows[0] and "| 2.7 |" in rows[1]
