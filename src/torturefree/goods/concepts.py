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
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from torturefree.goods.lexicon import Phrase, PhraseHit
from torturefree.goods.resources import Concepts
from torturefree.goods.text import Normaliser, Word, fold

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTERS = re.compile(r"[^\W\d_]+")
IDEAS = "*"  # the language of a phrase made of ideas: any
# A root this long may sit inside a compound; a shorter one must begin the word.
_MIN_INFIX = 5


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


class ConceptMatcher:
    """Ideas read from a description's words; entries named by their combinations."""

    def __init__(
        self, concepts: Concepts | None, in_force: Collection[str], normaliser: Normaliser
    ) -> None:
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._han: dict[str, tuple[str, ...]] = {}
        for name, idea in (concepts.ideas if concepts else {}).items():
            roots = [fold(r) for words in idea.values() for r in words]
            han = tuple(r for r in roots if _HAN.search(r))
            latin = [_parts(r, normaliser) for r in roots if not _HAN.search(r)]
            if latin:
                self._patterns[name] = re.compile("|".join(_pattern(*r) for r in latin if r[1]))
            if han:
                self._han[name] = han
        self._combinations = [
            (c.entries, tuple(c.all_of), tuple(c.none_of), c.review)
            for c in (concepts.combinations if concepts else ())
        ]
        self._in_force = frozenset(in_force)

    def ideas(self, description: str, words: Sequence[Word]) -> dict[str, list[str]]:
        """Each idea present (not negated), with the words that express it."""
        text = " " + " ".join(w.surface for w in words if not w.negated) + " "
        found: dict[str, list[str]] = {}
        for name, pattern in self._patterns.items():
            matched = [_word_at(text, m.start()) for m in pattern.finditer(text)]
            if matched:
                found[name] = matched
        for name, roots in self._han.items():
            hans = [r for r in roots if r in description]
            if hans:
                found.setdefault(name, []).extend(hans)
        return found

    def match(self, description: str, words: Sequence[Word]) -> Iterator[ConceptHit]:
        ideas = self.ideas(description, words)
        if not ideas:
            return
        for entries, all_of, none_of, review in self._combinations:
            if not all(_any_of(i, ideas) for i in all_of) or any(i in ideas for i in none_of):
                continue
            entry = next((e for e in entries if e in self._in_force), None)
            if entry is None:
                continue
            used = [w for i in all_of for alt in i.split("|") for w in ideas.get(alt, ())]
            yield ConceptHit(entry, all_of, tuple(dict.fromkeys(used)), review)


def _parts(root: str, normaliser: Normaliser) -> tuple[bool, tuple[str, ...]]:
    """('=oc' ->) whole word or not, and the root's words as descriptions are read: split at
    anything not a letter ('body-worn'), stopwords dropped ('peine de mort')."""
    whole = root.startswith("=")
    words = _LETTERS.findall(root)
    return whole, tuple(w for w in words if len(words) == 1 or not normaliser.is_stopword(w))


def _pattern(whole: bool, parts: tuple[str, ...]) -> str:
    """A root matches a word's beginning; a long one also inside a word (compounds); '=word'
    only that whole word; several words, each the beginning of a word, in order."""
    body = r"\S* ".join(re.escape(p) for p in parts)
    if whole:
        return r"(?<= )" + body + r"(?= )"
    return body if len(" ".join(parts)) >= _MIN_INFIX else r"(?<= )" + body


def _word_at(text: str, start: int) -> str:
    begin = text.rfind(" ", 0, start) + 1
    end = text.find(" ", start)
    return text[begin:end]


def _any_of(idea: str, ideas: dict[str, list[str]]) -> bool:
    """'shock|electric': either idea will do."""
    return any(alt in ideas for alt in idea.split("|"))
