"""Evidence per entry, gathered from text, code and CAS, before any decision is taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from torturefree.goods.lexicon import PhraseHit


class Strength(int, Enum):
    """How far a piece of evidence goes on its own (higher wins)."""

    NONE = 0
    WEAK = 1  # part of a phrase, or an "ex" code: a candidate, never a verdict
    REVIEW = 2  # enough to send to a person (open-list substance, component CAS)
    STRONG = 3  # a complete listed term, a listed CAS number, a full-scope code


_BASE = {Strength.STRONG: 0.9, Strength.REVIEW: 0.6, Strength.WEAK: 0.3, Strength.NONE: 0.0}


@dataclass(slots=True)
class EntryEvidence:
    """Everything found for or against one entry, each with a readable line."""

    entry_id: str
    text: list[PhraseHit] = field(default_factory=list)
    partial: list[PhraseHit] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    code_strength: Strength = Strength.NONE
    cas: list[str] = field(default_factory=list)
    cas_strength: Strength = Strength.NONE
    rule_strength: Strength = Strength.NONE
    named_by_rule: bool = False
    against: list[str] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)

    @property
    def code_only(self) -> bool:
        """Only an 'ex' or partial code points here: a candidate, judged in bulk."""
        return self.code_strength is Strength.WEAK and not (
            self.text or self.partial or self.cas_strength or self.named_by_rule
        )

    @property
    def text_strength(self) -> Strength:
        if self.text:
            return Strength.STRONG
        return Strength.WEAK if self.partial else Strength.NONE

    @property
    def best(self) -> Strength:
        return max(self.text_strength, self.code_strength, self.cas_strength, self.rule_strength)

    def score(self) -> float:
        """0..1: strongest evidence, a little more when independent kinds agree, less for typos."""
        score = _BASE[self.best]
        if self.text:
            best_hit = max(self.text, key=lambda h: len(h.matched))
            score -= 0.05 * len(best_hit.typos)
            score += 0.02 * min(len(best_hit.matched), 3)
        elif self.partial:
            score = max(score, 0.4 * max(h.coverage for h in self.partial))
        kinds = sum(1 for s in (self.text_strength, self.code_strength, self.cas_strength) if s)
        score += 0.04 * (kinds - 1) if kinds else 0.0
        if self.open_questions:
            score -= 0.1
        return round(max(0.0, min(1.0, score)), 3)


def describe_hit(hit: PhraseHit) -> str:
    """'thumbscrews' (en) — with the typo readings, if any."""
    line = f"'{hit.phrase.text}' ({hit.phrase.lang})"
    if hit.typos:
        readings = ", ".join(f"'{typed}' as '{stem}'" for typed, stem in hit.typos)
        line += f", reading {readings}"
    return line
