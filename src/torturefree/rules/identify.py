"""Which list entries a goods item is, for a profile on a date: by entry id, CAS number or code.

Free-text descriptions are the goods classifier's work; without one a description alone is
`needs_review`, never a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from torturefree.errors import InputError
from torturefree.goods.cas import CASIndex
from torturefree.goods.codes import CodeHit, CodeIndex
from torturefree.lists import ListSnapshot, SnapshotEntry
from torturefree.lists.catalogue import Catalogue
from torturefree.rules.result import Reason
from torturefree.rules.rulebook import Profile
from torturefree.rules.transaction import GoodsItem
from torturefree.vocabulary import Outcome

IDENTIFY_RULE = "identify"
MEMO_SIZE = 100_000


@dataclass
class Identification:
    """The entries found, or, when none decide, the outcome and reason for the item as such."""

    entries: list[SnapshotEntry] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    outcome: Outcome | None = None
    identified_by: str | None = None


class Identifier:
    """Code and CAS indexes over the profile's identifying entries, built once per snapshot."""

    def __init__(self, catalogue: Catalogue, snapshot: ListSnapshot, profile: Profile) -> None:
        self.catalogue = catalogue
        self.snapshot = snapshot
        self.profile = profile
        identifying = list(snapshot.entries(tuple(profile.identify_with)))
        self.codes = CodeIndex(identifying)
        self.cas = CASIndex(identifying)
        self._targets = tuple(profile.source.instruments)
        self._mapped: dict[str, list[SnapshotEntry]] = {}
        self._memo: dict[tuple[str | None, str | None, str | None, bool], Identification] = {}
        for target in snapshot.entries(self._targets):
            for source_id in target.file.corresponds_to:
                self._mapped.setdefault(source_id, []).append(target)

    def identify(self, item: GoodsItem, index: int, date: dt.date) -> Identification:
        """Identify one item on a day (the indexes serve the day's whole period)."""
        # Within a period the same reference always identifies the same entries: remember it.
        key = (item.entry, item.cas, item.hs_code, bool(item.description))
        found = self._memo.get(key)
        if found is None:
            found = self._identify(item, index, date)
            if not (item.entry and self.snapshot.entry(item.entry) is None):  # day-specific text
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()
                self._memo[key] = found
        return found

    def _identify(self, item: GoodsItem, index: int, date: dt.date) -> Identification:
        if item.entry:
            return self._by_entry(item.entry, index, date)
        if item.cas:
            found = self._by_cas(item.cas, index)
            if found.entries or not (item.hs_code or item.description):
                return found
        if item.hs_code:
            return self._by_code(item, index)
        return _pending(
            "the description needs goods identification; a person must classify it",
            "description",
            _LISTS_NOTE,
        )

    def targets_of(self, entry_ids: list[str]) -> list[SnapshotEntry]:
        """Identified entries as the profile's own entries (directly, or by correspondence)."""
        found: dict[str, SnapshotEntry] = {}
        for entry_id in entry_ids:
            entry = self.snapshot.entry(entry_id)
            if entry is not None and entry.instrument in self._targets:
                found[entry.id] = entry
            for target in self._mapped.get(entry_id, ()):
                found[target.id] = target
        return list(found.values())

    def _by_entry(self, entry_id: str, index: int, date: dt.date) -> Identification:
        if entry_id not in self.catalogue.entries:
            raise InputError(f"unknown entry id '{entry_id}'", field=f"goods[{index}].entry")
        if self.snapshot.entry(entry_id) is None:
            # Not "free": the goods may fall under another entry in force then (gang chains were
            # Annex III shackles before they got an Annex II entry of their own in 2025).
            periods = ", ".join(
                f"{v.valid_from}..{v.valid_until or ''}"
                for v in self.catalogue.entries[entry_id].versions
            )
            return _pending(
                f"entry {entry_id} is not in force on {date} (in force {periods}); "
                "the goods may fall under another entry then: a person must classify them",
                "entry",
                _LISTS_NOTE,
            )
        targets = self.targets_of([entry_id])
        if not targets:
            return _free(f"no entry of {self.profile.source.title} covers {entry_id}", "entry")
        return Identification(entries=targets, identified_by="entry")

    def _by_cas(self, cas: str, index: int) -> Identification:
        try:
            hits = self.cas.lookup(cas)
        except InputError as error:
            raise InputError(error.reason, field=f"goods[{index}].cas") from error
        targets = self.targets_of([h.entry_id for h in hits])
        if targets:
            return Identification(entries=targets, identified_by="cas")
        return _free(f"CAS {cas} is not listed by any entry in force", "cas")

    def _by_code(self, item: GoodsItem, index: int) -> Identification:
        assert item.hs_code is not None
        try:
            hits = self.codes.lookup(item.hs_code)
        except InputError as error:
            raise InputError(error.reason, field=f"goods[{index}].hs_code") from error
        conclusive = [h.entry_id for h in hits if h.conclusive]
        if conclusive:
            return Identification(entries=self.targets_of(conclusive), identified_by="hs_code")
        if hits:
            return _pending(_candidates(item.hs_code, hits), "hs_code")
        if item.description:
            return _pending(
                "no entry lists this code; the description still needs classifying", "description"
            )
        return _free(f"no entry in force lists a code covering {item.hs_code}", "hs_code")


def _candidates(code: str, hits: tuple[CodeHit, ...]) -> str:
    listed = ", ".join(
        sorted({f"{h.entry_id} ({'ex ' if h.ex else ''}{h.listed_code})" for h in hits})
    )
    return (
        f"code {code} is shared with controlled entries, whose codes cover only part of it or "
        f"fall under it: {listed}; the description decides, so a person must look"
    )


def _pending(detail: str, by: str, citation: str | None = None) -> Identification:
    reason = Reason(
        rule=f"{IDENTIFY_RULE}.needs_review", citation=citation or _EX_NOTE, detail=detail
    )
    return Identification(reasons=[reason], outcome=Outcome.NEEDS_REVIEW, identified_by=by)


def _free(detail: str, by: str) -> Identification:
    reason = Reason(rule=f"{IDENTIFY_RULE}.not_listed", citation=_LISTS_NOTE, detail=detail)
    return Identification(reasons=[reason], outcome=Outcome.NOT_CONTROLLED, identified_by=by)


# Citations of the annexes' own introductory notes, which say how codes identify goods.
_EX_NOTE = 'Regulation (EU) 2019/125, Annexes II and III, introductory note on "ex" CN codes'
_LISTS_NOTE = "The control lists in force on the date (data release)"
