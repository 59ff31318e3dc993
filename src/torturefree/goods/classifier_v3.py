"""goods_v3: goods_v2, plus goods named by the ideas their description combines (concepts).

goods_v2 finds goods by their names; text written by others often names them by what they do or
are made of, in words no term list holds ('Stroomstootwapen', 'pałka z wyładowaniem'). goods_v3
reads ideas (concepts.py, data/goods/concepts.yaml) and treats a combination that names an entry
as a complete name of it, then decides exactly as goods_v2 does: exclusions, figures, facts and
questions apply to it as to any name. A combination marked `review` only sends the goods to a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from torturefree.goods.classifier import Config
from torturefree.goods.classifier_v2 import ClassifierV2, ConfigV2
from torturefree.goods.concepts import ConceptMatcher
from torturefree.goods.evidence import EntryEvidence, Strength
from torturefree.goods.index import EntryLike
from torturefree.goods.lexicon import PhraseHit
from torturefree.goods.resources import GoodsData
from torturefree.goods.text import Word


@dataclass(frozen=True)
class ConfigV3(ConfigV2):
    """goods_v3's settings (goods_v2's); a change is a new version."""

    name: str = "goods_v3"


GOODS_V3 = ConfigV3()


class ClassifierV3(ClassifierV2):
    """Classify as goods_v2 does, with the entries that a description's ideas name."""

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

    def _more_hits(
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
