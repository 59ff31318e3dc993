"""Readers for the country-fact datasets: each turns a published file into Facts by alpha-2."""

from __future__ import annotations

from dataclasses import dataclass, field

from torturefree.risk.model import Fact


@dataclass
class Parsed:
    """What a reader produced: facts, the codes it could not place, and the quirks it fixed."""

    facts: list[Fact] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    quirks: list[str] = field(default_factory=list)
