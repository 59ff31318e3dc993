"""goods_v2: goods_v1's evidence, plus facts read from the description, questions, other scripts.

What v2 adds (each measured in benchmarks/goods.py, described in docs/goods.md):
  * a deciding fact that is absent is asked for (decision_v2, questions), never assumed;
  * answers given with their unit are converted to the data's unit;
  * figures read in more phrasings (quantities_v2);
  * the fact that tells entries of one family apart (facts);
  * Arabic and Chinese descriptions (scripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from torturefree.errors import InputError
from torturefree.goods.classifier import Classifier, Config
from torturefree.goods.decision_v2 import DeciderV2
from torturefree.goods.evidence import EntryEvidence, Strength
from torturefree.goods.facts import FactReader
from torturefree.goods.index import EntryLike
from torturefree.goods.lexicon import PhraseHit
from torturefree.goods.parameters import Verdict, evaluate_rule
from torturefree.goods.quantities import Measurement, by_quantity, given
from torturefree.goods.quantities_v2 import QuantityReaderV2
from torturefree.goods.query import Classification, GoodsQuery
from torturefree.goods.questions import QuestionBook
from torturefree.goods.resources import GoodsData
from torturefree.goods.scripts import ScriptMatcher
from torturefree.goods.text import Word, fold


@dataclass(frozen=True)
class ConfigV2(Config):
    """goods_v2's settings (goods_v1's, and what v2 adds); a change is a new version."""

    name: str = "goods_v2"


GOODS_V2 = ConfigV2()


class ClassifierV2(Classifier):
    """Classify goods as goods_v1 does, then read facts, ask what is missing, match other scripts."""

    decider_class: type[DeciderV2] = DeciderV2

    def __init__(
        self,
        entries: Iterable[EntryLike],
        data: GoodsData,
        *,
        related: Mapping[str, EntryLike] | None = None,
        config: Config = GOODS_V2,
    ) -> None:
        super().__init__(entries, data, related=related, config=config)
        self.reader = QuantityReaderV2(data.quantities, data.phrasing)
        self.facts = FactReader(data.facts, self.index.normaliser, self.index.lexicon)
        self.scripts = ScriptMatcher(self.index)
        self._units = {fold(name): unit for name, unit in data.quantities.units.items()}
        self._heads = self._exclusion_heads()
        self._head_cache: dict[str, tuple[tuple[str, str], ...]] = {}
        # A figure names goods only if its quantity was told apart by its own words ('letzte
        # Raste', 'calibre'); '95 %' is the only fraction, so it is a percentage of anything.
        quantities = data.quantities.quantities
        dimensions = [q.dimension for q in quantities.values()]
        cued = {n for n, q in quantities.items() if dimensions.count(q.dimension) > 1}
        self._required = [
            (e.id, r)
            for e in self.index.entries.values()
            for r in e.version.parameters
            if r.effect == "required" and r.all_of and all(c.quantity in cued for c in r.all_of)
        ]
        rule_heads: dict[str, frozenset[str]] = {}
        for _, rule_id, heads in self._heads:
            rule_heads[rule_id] = rule_heads.get(rule_id, frozenset()) | heads
        self.decider_v2 = self.decider_class(
            self.index,
            config.name,
            config.max_entries,
            QuestionBook(data.quantities),
            rule_heads,
            data.phrasing.part_words if data.phrasing else (),
        )

    def classify(self, query: GoodsQuery) -> Classification:
        if query.answers:
            return self._classify(query)
        return super().classify(query)

    def _classify(self, query: GoodsQuery) -> Classification:
        found: dict[str, EntryEvidence] = {}
        notes: list[str] = []
        if query.hs_code:
            self._codes(query.hs_code, found, notes)
        if query.cas:
            self._cas(query.cas, found, notes)
        stems: set[str] = set()
        hits: list[PhraseHit] = []
        words = self.index.normaliser.words(query.description) if query.description else []
        if query.description:
            stems = {w.stem for w in words if not w.negated}
            hits = self.index.lexicon.match(words)
            hits += _new(self.scripts.match(query.description), hits)
            hits = self._revise_hits(query.description, words, hits, found)
            self._text(hits, found)
            self._named_by_rules(stems, found)
            self._named_by_exclusions(hits, stems, found)
        figures = self._figures(query)
        self._named_by_figures(figures, found)
        facts = self.facts.read(words, figures, found.keys())
        return self.decider_v2.decide_v2(query, found, hits, stems, figures, notes, facts)

    def _revise_hits(
        self,
        description: str,
        words: list[Word],
        hits: list[PhraseHit],
        found: dict[str, EntryEvidence],
    ) -> list[PhraseHit]:
        """Where a later version revises the text evidence (goods_v3's ideas); as found here."""
        return hits

    def _exclusion_heads(self) -> list[tuple[str, str, frozenset[str]]]:
        """Per entry, the word its figure-defined exclusion's terms share, in each language.

        'gewöhnliche Handschellen', 'Polizeihandschellen', 'Kettenhandschellen' all end in
        'handschellen': that is the goods the exclusion's figures are about, in German, as
        'menottes' is in French; learnt from the data's own terms, not listed by hand.
        """
        heads = []
        for entry in self.index.entries.values():
            rules = {r.id for r in entry.version.parameters if r.all_of}
            for exclusion in entry.version.exclusions:
                if exclusion.id not in rules:
                    continue
                found: set[str] = set()
                for words in exclusion.terms.values():
                    found |= _shared_stems([self.index.normaliser.stems(t) for t in words])
                if found:
                    heads.append((entry.id, exclusion.id, frozenset(found)))
        return heads

    def _heads_in(self, stem: str) -> tuple[tuple[str, str], ...]:
        """(entry, head) pairs a stem names: the head itself or a compound ending in it."""
        return tuple(
            (entry_id, head)
            for entry_id, _, heads in self._heads
            for head in heads
            if stem == head or (len(head) >= 5 and stem.endswith(head))
        )

    def _named_by_exclusions(
        self, hits: list[PhraseHit], stems: set[str], found: dict[str, EntryEvidence]
    ) -> None:
        """'Handschellen mit Kette' names the goods an exclusion defined by figures is about."""
        named: set[tuple[str, str]] = set()
        for stem in stems:
            heads = self._head_cache.get(stem)
            if heads is None:
                heads = self._heads_in(stem)
                if len(self._head_cache) < 200_000:
                    self._head_cache[stem] = heads
            named.update(heads)
        for entry_id, head in named:
            self._evidence(found, entry_id).named_by_rule = True
            stems.add(head)  # so the rule is about these goods ('Polizeihandschellen')
        for hit in hits:
            phrase = hit.phrase
            if not hit.complete or phrase.kind != "exclusion":
                continue
            rules = self.index.entries[phrase.owner].version.parameters
            if any(rule.id == phrase.ref and rule.all_of for rule in rules):
                self._evidence(found, phrase.owner).named_by_rule = True

    def _named_by_figures(
        self, figures: Mapping[str, list[Measurement]], found: dict[str, EntryEvidence]
    ) -> None:
        """'Ring mit Ratsche, Innenumfang 180 mm in der letzten Raste' names no entry, but meets
        the one rule that requires that very figure (Annex III 1.2): a person must look."""
        for entry_id, rule in self._required:
            if entry_id in found or not all(figures.get(c.quantity) for c in rule.all_of):
                continue
            if evaluate_rule(rule, figures)[0] is Verdict.HOLDS:
                evidence = self._evidence(found, entry_id)
                evidence.rule_strength = max(evidence.rule_strength, Strength.REVIEW)

    def _figures(self, query: GoodsQuery) -> dict[str, list[Measurement]]:
        figures = self.reader.read(query.description) if query.description else []
        quantities = self.index.data.quantities.quantities
        if query.figures:
            figures += given(query.figures, quantities)
        grouped = by_quantity(figures)
        for name, (value, unit) in query.answers.items():
            if name not in quantities:
                continue
            # An answer replaces whatever the text seemed to say: the person was asked.
            converted = self._convert(name, value, unit)
            grouped[name] = [Measurement(name, converted, f"{name}={value:g} {unit}".strip())]
        return grouped

    def _convert(self, name: str, value: float, unit: str) -> float:
        if not unit or unit == "count":
            return value
        found = self._units.get(fold(unit))
        wanted = self.index.data.quantities.quantities[name].dimension
        if found is None or found.dimension != wanted:
            raise InputError(
                f"unit '{unit}' is not a unit of {wanted}", field=f"parameters.{name}.unit"
            )
        return value * found.factor


def _shared_stems(terms: list[tuple[str, ...]]) -> set[str]:
    """Stems that two or more terms contain, as a word or a compound's tail (>= 5 letters)."""
    shared = set()
    for stem in {s for t in terms for s in t}:
        holding = sum(
            1 for t in terms if any(w == stem or (len(stem) >= 5 and w.endswith(stem)) for w in t)
        )
        if holding >= 2:
            shared.add(stem)
    return shared


def _new(extra: list[PhraseHit], hits: list[PhraseHit]) -> list[PhraseHit]:
    """Script hits goods_v1's word matcher did not already make (a term written alone)."""
    seen = {(h.phrase.owner, h.phrase.text) for h in hits if h.complete}
    return [h for h in extra if (h.phrase.owner, h.phrase.text) not in seen]
