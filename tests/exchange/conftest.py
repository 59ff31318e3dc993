"""Nodes of a few states in temporary folders, a directory of them, and a valid body per type."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from torturefree.exchange import Directory, Node, NodeSettings, Participant
from torturefree.exchange.directory import directory_document, parse_directory

FIXTURES = Path(__file__).parent / "fixtures"
KEYS_FROM = dt.date(2026, 1, 1)
NOW = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)


def body(message_type: str) -> dict[str, Any]:
    """A valid body of a type (tests/exchange/fixtures/bodies/<type>.json)."""
    value: dict[str, Any] = json.loads((FIXTURES / "bodies" / f"{message_type}.json").read_text())
    return value


@dataclass
class Network:
    """Nodes by state, sharing one directory of all of them."""

    nodes: dict[str, Node]

    def directory(self) -> Directory:
        return directory_of(self.nodes[s].entry() for s in sorted(self.nodes))


def directory_of(entries: Any, version: int = 1) -> Directory:
    return parse_directory(directory_document(version, list(entries), "2026-01-01T00:00:00Z"))


def make_node(home: Path, state: str, profile: str = "EU") -> Node:
    node = Node(home)
    node.init(
        NodeSettings(state=state, url=f"http://127.0.0.1:1/{state}", profile=profile), KEYS_FROM
    )
    return node


@pytest.fixture
def network(tmp_path: Path) -> Network:
    states = {"FR": "EU", "DE": "EU", "KE": "UN-A", "HUB": "UN-B"}
    return Network({s: make_node(tmp_path / s.lower(), s, p) for s, p in states.items()})


@pytest.fixture
def bodies() -> Callable[[str], dict[str, Any]]:
    return body


__all__ = ["NOW", "Participant", "body"]
