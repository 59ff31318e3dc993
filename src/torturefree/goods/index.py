"""Everything goods_v1 looks up, built once from the entries in force and data/goods."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from torturefree.goods.codes import CodeIndex
from torturefree.goods.lexicon import Lexicon
from torturefree.goods.parameters import rule_words
from torturefree.goods.resources import CueSet, GoodsData, Substance
from torturefree.goods.text import Normaliser
from torturefree.lists.model import EntryFile, EntryVersion

# Titles list several goods in one sentence ("Thumb-cuffs, finger-cuffs, thumbscrews and
# finger-screws"); each part is a name of the goods on its own.
_TITLE_PARTS = re.compile(r"[,;:]| and | or | such as | including | e\.g\. ", re.IGNORECASE)


class EntryLike(Protocol):
    """What goods needs of a list entry (torturefree.lists.SnapshotEntry has it)."""

    @property
    def id(self) -> str: ...

    @property
    def instrument(self) -> str: ...

    @property
    def instrument_short(self) -> str: ...

    @property
    def version(self) -> EntryVersion: ...

    @property
    def file(self) -> EntryFile: ...


@dataclass(frozen=True, slots=True)
class SubstanceRef:
    """A CAS number or name of a substance and how it relates to an entry."""

    entry_id: str
    relation: str
    name: str
    number: str | None
    source: str


@dataclass(frozen=True, slots=True)
class _Borrowed:
    """An entry seen with another entry's version, for codes it takes by correspondence."""

    id: str
    version: EntryVersion


class GoodsIndex:
    """Phrases, codes, CAS numbers and cues of one set of entries."""

    def __init__(
        self,
        entries: Iterable[EntryLike],
        data: GoodsData,
        related: Mapping[str, EntryLike] | None = None,
    ) -> None:
        self.entries: dict[str, EntryLike] = {e.id: e for e in entries}
        self.related = dict(related or {})
        self.data = data
        # Unit words ('mm', 'cm') belong to figures, not to the names of goods.
        # Count words ('canon', 'barrel') stay words: 'water canon' is a typo of a listed name.
        units = [name for name, u in data.quantities.units.items() if u.quantity is None]
        self.normaliser = Normaliser(data.normalisation, units)
        self.lexicon = Lexicon(self.normaliser, data.normalisation.typos)
        self.codes = CodeIndex(self.entries.values())
        self.borrowed_codes = CodeIndex(self._borrowed())
        self.cas: dict[str, list[SubstanceRef]] = {}
        self.cues: dict[str, CueSet] = {c.id: c for c in data.context.cues}
        for entry in self.entries.values():
            self._index_entry(entry)
        self._index_context()
        self.lexicon.freeze()
        self.rule_stems = self._rule_stems()

    def sources(self, entry: EntryLike) -> Iterator[EntryLike]:
        """The entry and those it corresponds to (a US ECCN is found by its EU entries' terms)."""
        yield entry
        for other in entry.file.corresponds_to:
            if other in self.related:
                yield self.related[other]
            elif other in self.entries:
                yield self.entries[other]

    def source_ids(self, entry: EntryLike) -> set[str]:
        return {source.id for source in self.sources(entry)}

    def _rule_stems(self) -> list[tuple[str, frozenset[str]]]:
        """Per entry, listed words its rules speak of ('ordinary handcuffs' -> handcuff)."""
        found = []
        for entry in self.entries.values():
            for rule in entry.version.parameters:
                stems = self.normaliser.stems(rule_words(rule))
                named = frozenset(s for s in stems if self.lexicon.spread(s) > 0)
                if named:
                    found.append((entry.id, named))
        return found

    def _borrowed(self) -> Iterator[_Borrowed]:
        for entry in self.entries.values():
            for source in list(self.sources(entry))[1:]:
                yield _Borrowed(entry.id, source.version)

    def _index_entry(self, entry: EntryLike) -> None:
        add = self.lexicon.add
        for source in self.sources(entry):
            for terms in (source.file.terms, source.version.terms):
                for lang, words in terms.items():
                    for text in words:
                        add(entry.id, "term", "", lang, text)
            for part in _TITLE_PARTS.split(source.version.title):
                if part.strip():
                    add(entry.id, "title", "", "en", part.strip())
            components = self._component_names(source.id)
            for cas in (*source.version.cas, *source.file.related_substances):
                self._add_cas(SubstanceRef(entry.id, "listed", cas.name, cas.number, source.id))
                relation = "component" if cas.name.casefold() in components else "listed"
                add(entry.id, "substance", relation, "en", cas.name)
        for exclusion in entry.version.exclusions:
            for lang, words in exclusion.terms.items():
                for text in words:
                    add(entry.id, "exclusion", exclusion.id, lang, text)
        for substance in self.data.substances.substances:
            if substance.entry in self.source_ids(entry):
                self._index_substance(entry.id, substance)

    def _component_names(self, entry_id: str) -> set[str]:
        """Names data/goods marks as constituents of a listed mixture, not goods on their own."""
        return {
            name.casefold()
            for s in self.data.substances.substances
            if s.entry == entry_id and s.relation == "component"
            for name in s.names
        }

    def _index_substance(self, entry_id: str, substance: Substance) -> None:
        source = substance.citation.title
        for name in substance.names:
            if substance.relation == "not_covered":
                self.lexicon.add_known([name])
            self.lexicon.add(entry_id, "substance", substance.relation, "en", name)
        for cas in substance.cas:
            ref = SubstanceRef(entry_id, substance.relation, cas.name, cas.number, source)
            self._add_cas(ref)

    def _add_cas(self, ref: SubstanceRef) -> None:
        assert ref.number is not None
        known = self.cas.setdefault(ref.number, [])
        if all(k.entry_id != ref.entry_id or k.relation != ref.relation for k in known):
            known.append(ref)

    def _index_context(self) -> None:
        for cue in self.data.context.cues:
            for lang, words in cue.terms.items():
                for text in words:
                    self.lexicon.add(cue.id, "cue", cue.effect, lang, text)
        for words in self.data.context.known_words.values():
            self.lexicon.add_known(words)

    def cue_applies(self, cue: CueSet, entry: EntryLike) -> bool:
        return not cue.applies_to or bool(self.source_ids(entry) & set(cue.applies_to))
