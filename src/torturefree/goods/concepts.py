"""Goods described by what they are made of and what they do, in any language (goods_v3).

Traders rarely write the annex's name: 'matraque qui délivre une décharge électrique', 'Spray
pieprzowy policyjny', 'Schutzschild mit Metallspitzen'. Each of these is two ideas the annex
puts together — an electric shock and a baton, an irritant and a spray, spikes and a shield. So
data/goods/concepts.yaml lists, per idea, word roots in every supported language (matched as a
word's beginning, or inside a compound for longer roots: 'Elektroimpulsschild' holds 'elektro'
and 'schild'), and per entry the ideas that together name it. Roots are few per idea and per
language, so a new phrasing of known ideas is found without a new term; a combination names the
entry in force on the date that it lists first, so goods that moved between annexes in 2025 are
judged by the right version.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from torturefree.goods.lexicon import Phrase, PhraseHit
from torturefree.goods.resources import Concepts
from torturefree.goods.text import Normaliser, Word, fold

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTERS = re.compile(r"[^\W\d_]+")
IDEAS = "*"  # the language of a phrase made of ideas: any
# A root this long may sit inside a compound; a shorter one must begin the word.
_MIN_INFIX = 5
_CACHE_LIMIT = 200_000
_KEY = 3  # letters a root is filed under: every root but the two-letter ones has three


@dataclass(frozen=True, slots=True)
class ConceptHit:
    """An entry named by a combination of ideas, with the words that expressed them."""

    entry_id: str
    ideas: tuple[str, ...]
    words: tuple[str, ...]
    review: bool

    def phrase_hit(self, stems: Sequence[str]) -> PhraseHit:
        text = " + ".join(self.ideas)
        phrase = Phrase(self.entry_id, "term", "concepts", text, IDEAS, tuple(stems))
        return PhraseHit(phrase, phrase.distinct, True, ())


@dataclass(frozen=True, slots=True)
class _Root:
    """A root of an idea: its words as descriptions are read, and whether it is a whole word."""

    idea: str
    parts: tuple[str, ...]
    whole: bool
    compounds: bool  # a language that writes compounds as one word (German, Dutch)

    def begins(self, word: str, i: int = 0) -> bool:
        """Its i-th part begins the word; the first part of a long root may sit inside a word
        (compounds: 'Elektroimpulsschild'); a whole root's part is the word itself."""
        part = self.parts[i]
        if self.whole:
            return word == part
        if i == 0 and self.compounds and len(" ".join(self.parts)) >= _MIN_INFIX:
            return part in word
        return word.startswith(part)


class ConceptMatcher:
    """Ideas read from a description's words; entries named by their combinations."""

    def __init__(
        self, concepts: Concepts | None, in_force: Collection[str], normaliser: Normaliser
    ) -> None:
        self._roots: list[_Root] = []
        self._han: dict[str, tuple[str, ...]] = {}
        compounding = frozenset(concepts.compounding if concepts else ())
        for name, idea in (concepts.ideas if concepts else {}).items():
            roots = [fold(r) for words in idea.values() for r in words]
            han = tuple(r for r in roots if _HAN.search(r))
            for lang, words in idea.items():
                for root in (fold(w) for w in words if not _HAN.search(w)):
                    whole, parts = _parts(root, normaliser)
                    if parts:
                        self._roots.append(_Root(name, parts, whole, lang in compounding))
            if han:
                self._han[name] = han
        self._combinations = [
            _Combination(
                tuple(c.entries),
                tuple(c.all_of),
                tuple(tuple(i.split("|")) for i in c.all_of),
                frozenset(c.none_of),
                c.review,
            )
            for c in (concepts.combinations if concepts else ())
        ]
        # Per idea, the combinations (by position) that need it first: only those can hold.
        self._needing: dict[str, list[int]] = {}
        for n, combination in enumerate(self._combinations):
            for first in combination.groups[0]:
                self._needing.setdefault(first, []).append(n)
        self._in_force = frozenset(in_force)
        # Roots whose first part a word holds, per word: trade vocabulary repeats.
        self._by_word: dict[str, tuple[_Root, ...]] = {}
        # Roots by their first letters, so a new word is compared with a few roots, not all.
        self._by_start: dict[str, list[_Root]] = {}
        for filed in self._roots:
            self._by_start.setdefault(filed.parts[0][:_KEY], []).append(filed)

    def ideas(self, description: str, words: Sequence[Word]) -> dict[str, list[str]]:
        """Each idea present (not negated), with the words that express it."""
        surfaces = [w.surface for w in words if not w.negated]
        found: dict[str, list[str]] = {}
        for i, surface in enumerate(surfaces):
            for root in self._roots_of(surface):
                if len(root.parts) == 1 or _follows(root, surfaces, i):
                    found.setdefault(root.idea, []).append(surface)
        for name, roots in self._han.items():
            hans = [r for r in roots if r in description]
            if hans:
                found.setdefault(name, []).extend(hans)
        return found

    def _roots_of(self, surface: str) -> tuple[_Root, ...]:
        roots = self._by_word.get(surface)
        if roots is None:
            starts = {surface[i : i + _KEY] for i in range(max(1, len(surface) - _KEY + 1))}
            starts.add(surface[:2])  # two-letter roots ('oc', 'cs') begin a word
            near = [r for key in starts for r in self._by_start.get(key, ())]
            roots = tuple(r for r in dict.fromkeys(near) if r.begins(surface))
            if len(self._by_word) < _CACHE_LIMIT:
                self._by_word[surface] = roots
        return roots

    def match(self, description: str, words: Sequence[Word]) -> Iterator[ConceptHit]:
        ideas = self.ideas(description, words)
        if not ideas:
            return
        candidates = sorted({n for idea in ideas for n in self._needing.get(idea, ())})
        for n in candidates:
            combination = self._combinations[n]
            if not combination.holds(ideas):
                continue
            entry = next((e for e in combination.entries if e in self._in_force), None)
            if entry is None:
                continue
            used = [w for group in combination.groups for i in group for w in ideas.get(i, ())]
            yield ConceptHit(
                entry, combination.names, tuple(dict.fromkeys(used)), combination.review
            )


@dataclass(frozen=True, slots=True)
class _Combination:
    entries: tuple[str, ...]
    names: tuple[str, ...]  # as written: 'shock|electric'
    groups: tuple[tuple[str, ...], ...]  # each: one of these ideas
    none_of: frozenset[str]
    review: bool

    def holds(self, ideas: Mapping[str, object]) -> bool:
        return all(any(i in ideas for i in group) for group in self.groups) and not (
            self.none_of & ideas.keys()
        )


def _follows(root: _Root, surfaces: Sequence[str], i: int) -> bool:
    """The root's later parts begin the words that follow the i-th."""
    rest = surfaces[i + 1 : i + len(root.parts)]
    return len(rest) == len(root.parts) - 1 and all(
        root.begins(word, k) for k, word in enumerate(rest, 1)
    )


def _parts(root: str, normaliser: Normaliser) -> tuple[bool, tuple[str, ...]]:
    """('=oc' ->) whole word or not, and the root's words as descriptions are read: split at
    anything not a letter ('body-worn'), stopwords dropped ('peine de mort')."""
    whole = root.startswith("=")
    words = _LETTERS.findall(root)
    return whole, tuple(w for w in words if len(words) == 1 or not normaliser.is_stopword(w))
