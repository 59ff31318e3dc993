"""goods_v2's decision: goods_v1's, except that a deciding fact not given is asked, never assumed.

Two changes, both about the same principle (issue #20 item 2): an exclusion named in the text
('chain handcuffs') whose own figures are not given leaves the entry open instead of taking it out,
and every open figure of the entries answered becomes a question taken from the entry's data. The
choice between entries of one family (portable / fixed indoors / wide area, single / multiple
barrels, weapon / kit) is read from the description's facts (torturefree.goods.facts).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from torturefree.goods.decision import Decider, Status, _Context
from torturefree.goods.evidence import EntryEvidence, describe_hit
from torturefree.goods.facts import FactReading, decide_families
from torturefree.goods.index import GoodsIndex
from torturefree.goods.lexicon import PhraseHit
from torturefree.goods.parameters import Effect, Verdict, check_rule, evaluate_rule
from torturefree.goods.quantities import Measurement
from torturefree.goods.query import Classification, GoodsQuery, Question
from torturefree.goods.questions import QuestionBook
from torturefree.goods.text import fold
from torturefree.lists.model import ParameterRule


@dataclass(slots=True)
class _ContextV2(_Context):
    """goods_v1's context, plus the rules whose figures are missing, per entry."""

    missing: dict[str, list[tuple[ParameterRule, tuple[str, ...]]]] = field(default_factory=dict)
    facts: FactReading | None = None
    lang: str | None = None


class DeciderV2(Decider):
    """Asks for the figures an exclusion or parameter needs, and reads facts between entries."""

    def __init__(
        self,
        index: GoodsIndex,
        version: str,
        max_entries: int,
        questions: QuestionBook,
        rule_heads: Mapping[str, frozenset[str]],
        part_words: Sequence[str] = (),
    ) -> None:
        super().__init__(index, version, max_entries)
        alternation = "|".join(
            re.escape(fold(w)) for w in sorted(part_words, key=len, reverse=True)
        )
        self._part = (
            re.compile(rf"(?<![^\W\d_])(?:{alternation})(?![^\W\d_])") if part_words else None
        )
        self.questions = questions
        self.rule_heads = rule_heads  # per rule id, its goods' word in each language
        self._local = threading.local()  # the context of the call in progress, per thread

    def decide_v2(
        self,
        query: GoodsQuery,
        found: dict[str, EntryEvidence],
        hits: Sequence[PhraseHit],
        stems: set[str],
        figures: Mapping[str, list[Measurement]],
        notes: list[str],
        facts: FactReading,
    ) -> Classification:
        self._local.facts = facts
        self._local.ctx = None
        result = self.decide(query, found, hits, stems, figures, notes)
        ctx: _ContextV2 | None = self._local.ctx
        if ctx is None or result.controlled is not None:
            return result
        chosen = [e.id for e in result.entries]
        asked = self.questions.ask(chosen, ctx.missing, facts, self.index.entries, query.lang)
        if not asked:
            return result
        lines = (*result.explanation, *(f"question: {q.text} ({q.entry})" for q in asked))
        return Classification(
            result.controlled,
            result.category,
            result.entries,
            tuple(dict.fromkeys(lines)),
            result.classifier_version,
            tuple(asked),
        )

    def _context(
        self,
        query: GoodsQuery,
        hits: Sequence[PhraseHit],
        stems: set[str],
        figures: Mapping[str, list[Measurement]],
    ) -> _Context:
        base = super()._context(query, hits, stems, figures)
        cues = [h for h in base.excluding_cues if not self._cue_is_part(h, query.description or "")]
        ctx = _ContextV2(
            base.stems,
            base.described,
            base.figures,
            cues,
            base.review_cues,
            base.exclusions,
            facts=getattr(self._local, "facts", None),
            lang=query.lang,
        )
        self._local.ctx = ctx
        return ctx

    def _cue_is_part(self, hit: PhraseHit, description: str) -> bool:
        """A cue that names listed goods' own part ('браслет', the cuff of handcuffs, is a word of
        listed terms), or follows 'with' ('guillotine avec couteau'), says nothing against them."""
        words = hit.phrase.distinct
        if len(words) == 1 and self.index.lexicon.spread(next(iter(words))) > 0:
            # One word, and a word of listed goods' own names: ambiguous, not a proof against
            # them ('anchor chain', two words, still says what the chain is for).
            return True
        if self._part is None:
            return False
        folded = fold(description)
        first = fold(hit.phrase.text).split()[0]
        for found in re.finditer(rf"(?<![^\W\d_]){re.escape(first)}", folded):
            before = folded[max(0, found.start() - 24) : found.start()]
            clause = re.split(r"[,;:()\n]", before)[-1]
            if self._part.search(clause):
                return True
        return False

    def _against(self, ev: EntryEvidence, ctx: _Context) -> tuple[Status, str] | None:
        """An exclusion defined by figures is only out when its figures are met (or given)."""
        entry = self.index.entries[ev.entry_id]
        rules = {r.id: r for r in entry.version.parameters}
        for hit in ctx.exclusions.get(ev.entry_id, []):
            rule = rules.get(hit.phrase.ref)
            if rule is None or evaluate_rule(rule, ctx.figures)[0] is not Verdict.UNKNOWN:
                continue
            # 'chain handcuffs' names the exclusion's goods, not its figures: ask for them.
            _note_missing(ctx, ev.entry_id, rule)
            line = f"exclusion '{hit.phrase.ref}' of {ev.entry_id}: {describe_hit(hit)}"
            return Status.REVIEW, line + ", but its figures are not given: they decide"
        return super()._against(ev, ctx)

    def _parameters(self, ev: EntryEvidence, ctx: _Context) -> None:
        super()._parameters(ev, ctx)
        for rule in self.index.entries[ev.entry_id].version.parameters:
            about = bool(self._stems_of(rule) & ctx.stems)
            if check_rule(rule, ctx.figures, about).effect is Effect.NEEDS_FIGURES:
                _note_missing(ctx, ev.entry_id, rule)

    def _stems_of(self, rule: ParameterRule) -> frozenset[str]:
        """goods_v1's English rule words, and the goods' word in every language of the data."""
        return super()._stems_of(rule) | self.rule_heads.get(rule.id, frozenset())

    def _drop_subsumed(
        self, found: dict[str, EntryEvidence], judged: dict[str, Status], lines: list[str]
    ) -> None:
        super()._drop_subsumed(found, judged, lines)
        ctx = self._local.ctx
        if ctx is not None and ctx.facts is not None:
            decide_families(ctx.facts, found, judged, lines, self.index.entries)


def _note_missing(ctx: _Context, entry_id: str, rule: ParameterRule) -> None:
    """The rule's quantities the figures do not give, kept to be asked."""
    assert isinstance(ctx, _ContextV2)
    wanted = tuple(c.quantity for c in rule.all_of if not ctx.figures.get(c.quantity))
    rules = ctx.missing.setdefault(entry_id, [])
    if wanted and all(r.id != rule.id for r, _ in rules):
        rules.append((rule, wanted))


__all__ = ["DeciderV2", "Question"]
