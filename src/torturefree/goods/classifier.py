"""goods_v1: candidates from code, CAS and text; exclusions, cues, parameters; a decision."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from torturefree.goods.cas import normalise_cas
from torturefree.goods.codes import CodeHit, normalise_code
from torturefree.goods.decision import Decider
from torturefree.goods.evidence import EntryEvidence, Strength, describe_hit
from torturefree.goods.index import EntryLike, GoodsIndex
from torturefree.goods.lexicon import PhraseHit
from torturefree.goods.quantities import QuantityReader, by_quantity, given
from torturefree.goods.query import Classification, GoodsQuery
from torturefree.goods.resources import GoodsData

_CACHE_LIMIT = 100_000


@dataclass(frozen=True)
class Config:
    """goods_v1's settings; a change of any value is a new classifier version (style.md §7)."""

    name: str = "goods_v1"
    # A partly matched phrase is evidence only if this share of its words is present ...
    weak_coverage: float = 0.5
    # ... and two of its words are present, or its one word is used by at most this many entries
    # ("chair" alone, in two entries' terms, says little).
    weak_spread: int = 1
    # Entries listed in a result, best first.
    max_entries: int = 5


GOODS_V1 = Config()


class Classifier:
    """Classify goods against the entries in force; build once per snapshot, call many times."""

    def __init__(
        self,
        entries: Iterable[EntryLike],
        data: GoodsData,
        *,
        related: Mapping[str, EntryLike] | None = None,
        config: Config = GOODS_V1,
    ) -> None:
        self.config = config
        self.index = GoodsIndex(entries, data, related)
        self.reader = QuantityReader(data.quantities)
        self.decider = Decider(self.index, config.name, config.max_entries)
        self._cache: dict[tuple[str | None, str | None], Classification] = {}
        self._code_hits: dict[str, list[tuple[str, Strength, str]]] = {}
        self._rule_words = frozenset().union(*(stems for _, stems in self.index.rule_stems))

    @property
    def version(self) -> str:
        return self.config.name

    def classify(self, query: GoodsQuery) -> Classification:
        """One goods item; a code- or CAS-only query is answered from a cache (they repeat)."""
        if query.description or query.figures:
            return self._classify(query)
        key = (query.hs_code, query.cas)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._classify(query)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[key] = cached
        return cached

    def _classify(self, query: GoodsQuery) -> Classification:
        found: dict[str, EntryEvidence] = {}
        notes: list[str] = []
        if query.hs_code:
            self._codes(query.hs_code, found, notes)
        if query.cas:
            self._cas(query.cas, found, notes)
        stems: set[str] = set()
        hits: list[PhraseHit] = []
        if query.description:
            words = self.index.normaliser.words(query.description)
            stems = {w.stem for w in words if not w.negated}
            hits = self.index.lexicon.match(words)
            self._text(hits, found)
            self._named_by_rules(stems, found)
        figures = self.reader.read(query.description) if query.description else []
        if query.figures:
            figures += given(query.figures, self.index.data.quantities.quantities)
        return self.decider.decide(query, found, hits, stems, by_quantity(figures), notes)

    def _evidence(self, found: dict[str, EntryEvidence], entry_id: str) -> EntryEvidence:
        if entry_id not in found:
            found[entry_id] = EntryEvidence(entry_id)
        return found[entry_id]

    def _codes(self, code: str, found: dict[str, EntryEvidence], notes: list[str]) -> None:
        digits = normalise_code(code)
        hits = self._code_hits.get(digits)
        if hits is None:
            hits = self._code_hits[digits] = self._code_evidence(digits)
        for entry_id, strength, line in hits:
            evidence = self._evidence(found, entry_id)
            evidence.code_strength = max(evidence.code_strength, strength)
            evidence.codes.append(line)
        if not hits:
            notes.append(f"code {code}: no entry in force lists it or a code within it")

    def _code_evidence(self, digits: str) -> list[tuple[str, Strength, str]]:
        """Per entry, how a declared code relates to its listed codes; cached, codes repeat."""
        own = [(h, False) for h in self.index.codes.lookup(digits)]
        borrowed = [(h, True) for h in self.index.borrowed_codes.lookup(digits)]
        return [
            (
                hit.entry_id,
                Strength.WEAK if by_link else _code_strength(hit),
                _code_line(digits, hit, by_link),
            )
            for hit, by_link in own + borrowed
        ]

    def _cas(self, cas: str, found: dict[str, EntryEvidence], notes: list[str]) -> None:
        number = normalise_cas(cas)
        refs = self.index.cas.get(number, [])
        for ref in refs:
            if ref.entry_id not in self.index.entries or ref.relation == "not_covered":
                notes.append(
                    f"CAS {number} ({ref.name}): not covered by {ref.entry_id} ({ref.source})"
                )
                continue
            evidence = self._evidence(found, ref.entry_id)
            strength = _CAS_STRENGTH.get(ref.relation, Strength.STRONG)
            if any(r.entry_id == ref.entry_id and r.relation == "component" for r in refs):
                strength = Strength.WEAK
            evidence.cas_strength = max(evidence.cas_strength, strength)
            evidence.cas.append(
                f"CAS {number} ({ref.name}): {ref.relation} for {ref.entry_id}, per {ref.source}"
            )
        if not refs:
            notes.append(f"CAS {number}: no entry or related substance in the data")

    def _text(self, hits: list[PhraseHit], found: dict[str, EntryEvidence]) -> None:
        for hit in hits:
            phrase = hit.phrase
            if phrase.kind not in ("term", "title", "substance"):
                continue
            if phrase.kind == "substance" and phrase.ref == "not_covered":
                continue
            if hit.complete and phrase.ref in _NAMED_STRENGTH:
                # An open-list or component name is not the entry itself: say so and weigh it less.
                evidence = self._evidence(found, phrase.owner)
                evidence.cas_strength = max(evidence.cas_strength, _NAMED_STRENGTH[phrase.ref])
                evidence.cas.append(
                    f"text: {describe_hit(hit)} is a {phrase.ref.replace('_', ' ')} substance"
                    f" of {phrase.owner}"
                )
            elif hit.complete and phrase.kind != "title":
                self._evidence(found, phrase.owner).text.append(hit)
            elif self._weak(hit) or (hit.complete and len(set(phrase.stems)) > 1):
                # Titles are the law's wording, not curated trade terms ('Hoods', 'other
                # restraints'): a title alone is a candidate, never a verdict.
                self._evidence(found, phrase.owner).partial.append(hit)

    def _named_by_rules(self, stems: set[str], found: dict[str, EntryEvidence]) -> None:
        """'handcuffs, 320 mm' names no entry, but one entry's 'ordinary handcuffs' rule does."""
        if self._rule_words.isdisjoint(stems):
            return
        for entry_id, rule_stems in self.index.rule_stems:
            if rule_stems & stems:
                self._evidence(found, entry_id).named_by_rule = True

    def _weak(self, hit: PhraseHit) -> bool:
        """Part of a phrase: two of its words, or one word that only this entry's terms use."""
        if hit.coverage < self.config.weak_coverage:
            return False
        spread = self.index.lexicon.spread
        if hit.phrase.kind == "title" and len(hit.matched) < 2:
            return False  # one word of the law's sentence ('steel', 'Batons') says nothing alone
        return len(hit.matched) >= 2 or all(
            spread(s) <= self.config.weak_spread for s in hit.matched
        )


_NAMED_STRENGTH = {"open_list": Strength.REVIEW, "component": Strength.WEAK}

# An open-list substance (Annex IV "including, but not limited to") is for a person to confirm.
_CAS_STRENGTH = {
    "listed": Strength.STRONG,
    "synonym": Strength.STRONG,
    "salt": Strength.STRONG,
    "hydrate": Strength.STRONG,
    "open_list": Strength.REVIEW,
    "component": Strength.WEAK,
}


def _code_strength(hit: CodeHit) -> Strength:
    return Strength.STRONG if hit.conclusive else Strength.WEAK


def _code_line(code: str, hit: CodeHit, by_correspondence: bool) -> str:
    listed = f"{'ex ' if hit.ex else ''}{hit.listed_code}"
    how = "a heading above" if hit.scope.value == "broader" else "within"
    line = f"code {code} is {how} '{listed}' of {hit.entry_id}"
    if by_correspondence:
        return line + " (by correspondence with another list; a candidate only)"
    if hit.ex or hit.scope.value == "broader":
        return line + " ('ex' or partial code: a candidate that needs description evidence)"
    return line
