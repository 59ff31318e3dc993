"""goods_v3: goods_v2, plus goods named by the ideas their description combines (concepts).

goods_v2 finds goods by their names; text written by others often names them by what they do or
are made of, in words no term list holds ('Stroomstootwapen', 'pałka z wyładowaniem'). goods_v3
reads ideas (concepts.py, data/goods/concepts.yaml) and treats a combination that names an entry
as a complete name of it, then decides exactly as goods_v2 does: exclusions, figures, facts and
questions apply to it as to any name. A combination marked `review` only sends the goods to a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from torturefree.goods.classifier import Config
from torturefree.goods.classifier_v2 import ClassifierV2, ConfigV2
from torturefree.goods.concepts import IDEAS, ConceptMatcher
from torturefree.goods.decision import _Context
from torturefree.goods.decision_v2 import DeciderV2
from torturefree.goods.evidence import EntryEvidence, Strength
from torturefree.goods.index import EntryLike
from torturefree.goods.lexicon import PhraseHit
from torturefree.goods.quantities import Measurement
from torturefree.goods.query import GoodsQuery
from torturefree.goods.resources import GoodsData
from torturefree.goods.text import Word, fold


@dataclass(frozen=True)
class ConfigV3(ConfigV2):
    """goods_v3's settings (goods_v2's); a change is a new version."""

    name: str = "goods_v3"


GOODS_V3 = ConfigV3()


class DeciderV3(DeciderV2):
    """goods_v2's decision; a one-word cue that an idea of a naming combination used ('bracelet',
    jewellery in English, the cuff in 'bracelet individuel à verrou') says nothing against it."""

    def _context(
        self,
        query: GoodsQuery,
        hits: Sequence[PhraseHit],
        stems: set[str],
        figures: Mapping[str, list[Measurement]],
    ) -> _Context:
        self._local.idea_stems = frozenset(
            s for h in hits if h.phrase.lang == IDEAS for s in h.phrase.distinct
        )
        return super()._context(query, hits, stems, figures)

    def _cue_is_part(self, hit: PhraseHit, description: str) -> bool:
        words = hit.phrase.distinct
        if len(words) == 1 and words <= getattr(self._local, "idea_stems", frozenset()):
            return True
        return super()._cue_is_part(hit, description)


class ClassifierV3(ClassifierV2):
    """Classify as goods_v2 does, with the entries that a description's ideas name."""

    decider_class = DeciderV3

    def __init__(
        self,
        entries: Iterable[EntryLike],
        data: GoodsData,
        *,
        related: Mapping[str, EntryLike] | None = None,
        config: Config = GOODS_V3,
    ) -> None:
        super().__init__(entries, data, related=related, config=config)
        self.concepts = ConceptMatcher(
            data.concepts, self.index.entries.keys(), self.index.normaliser
        )
        self._term_words: dict[str, frozenset[str]] = {}

    def _revise_hits(
        self,
        description: str,
        words: list[Word],
        hits: list[PhraseHit],
        found: dict[str, EntryEvidence],
    ) -> list[PhraseHit]:
        negated = {w.stem for w in words if w.negated}
        kept = [
            h
            for h in hits
            if self._negations_hold(h, negated) and self._joined_holds(h, description)
        ]
        return kept + self._idea_hits(description, words, kept, found)

    def _negations_hold(self, hit: PhraseHit, negated: set[str]) -> bool:
        """A term that negates a word ('drone without payload') holds only where the description
        negates it too: word matching reads the term as 'drone payload', its opposite."""
        if hit.phrase.kind not in ("exclusion", "cue") or hit.phrase.lang == IDEAS:
            return True
        words = self._term_words.get(hit.phrase.text)
        if words is None:
            words = frozenset(
                w.stem for w in self.index.normaliser.words(hit.phrase.text) if w.negated
            )
            self._term_words[hit.phrase.text] = words
        return words <= negated

    def _joined_holds(self, hit: PhraseHit, description: str) -> bool:
        """A term read with its words run together ('cama de red' as 'camared') holds only if the
        description has that run of letters (all but the last): its stem 'camar' is also
        'cámara' (a cold store), not a net bed; 'thumbcuff' and 'netbeds' still hold."""
        if not hit.phrase.joined:
            return True
        joined = "".join(w.surface for w in self.index.normaliser.words(hit.phrase.text))
        return joined[: max(len(joined) - 1, len(hit.phrase.stems[0]))] in fold(description)

    def _idea_hits(
        self,
        description: str,
        words: list[Word],
        hits: list[PhraseHit],
        found: dict[str, EntryEvidence],
    ) -> list[PhraseHit]:
        named = {h.phrase.owner for h in hits if h.complete and h.phrase.kind == "term"}
        stems = {w.surface: w.stem for w in words}
        extra = []
        for hit in self.concepts.match(description, words):
            if hit.entry_id in named:
                continue
            line = f"ideas {' + '.join(hit.ideas)}: {', '.join(hit.words)} (concepts)"
            if hit.review:
                evidence = self._evidence(found, hit.entry_id)
                evidence.rule_strength = max(evidence.rule_strength, Strength.REVIEW)
                evidence.support.append(line + ": for a person to look at")
                continue
            extra.append(hit.phrase_hit([stems.get(w, w) for w in hit.words]))
            named.add(hit.entry_id)
        return extra
