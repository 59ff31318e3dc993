"""What the law's own list says about a destination: Annex V membership on a date (lists)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from torturefree.lists import DataError, load_catalogue
from torturefree.risk.errors import RiskError


@dataclass(frozen=True)
class DestinationAnswer:
    """Whether a country is in the destination set on a date, and the act that put it there."""

    member: bool
    set_title: str
    citation_title: str | None
    citation_href: str | None
    valid_from: dt.date | None
    release: str


class DestinationLaw(Protocol):
    def general_authorisation(self, country: str, date: dt.date) -> DestinationAnswer: ...


class CatalogueLaw:
    """Reads the destination set from the law data (data/destinations/<set>.yaml)."""

    def __init__(self, set_id: str, root: Path | None = None) -> None:
        self.set_id = set_id
        self.root = root

    def general_authorisation(self, country: str, date: dt.date) -> DestinationAnswer:
        try:
            snapshot = load_catalogue(self.root).snapshot(date)
            members = snapshot.destinations(self.set_id)
        except (DataError, KeyError) as error:
            raise RiskError(f"law data: {error}") from error
        member = members.member(country)
        return DestinationAnswer(
            member=member is not None,
            set_title=members.title,
            citation_title=(member.citation.title if member else members.source.citation.title),
            citation_href=(member.citation.href if member else members.source.citation.href),
            valid_from=member.valid_from if member else None,
            release=snapshot.release,
        )
