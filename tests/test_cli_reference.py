"""docs/cli.md is generated from the commands: it must match them (style.md §12)."""

from __future__ import annotations

from pathlib import Path

from torturefree.cli.main import app
from torturefree.cli.reference import render_cli_reference


def test_the_command_reference_is_up_to_date(repo_root: Path) -> None:
    actual = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == render_cli_reference(app), "run: torturefree reference --out docs/cli.md"


def test_the_reference_lists_the_contract_commands() -> None:
    text = render_cli_reference(app)
    for command in (
        "determine",
        "classify",
        "screen",
        "watchlist import",
        "lists show",
        "lists diff",
        "ledger verify",
        "report annual",
        "risk country",
        "serve",
        "demo",
    ):
        assert f"## `torturefree {command}`" in text, command
