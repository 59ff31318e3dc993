"""Text normalisation shared by the term index and queries: fold, tokenise, negate, stem."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from torturefree.goods.resources import Normalisation

# Numbers keep their decimal separator so "0,3 %" stays one value; punctuation ends a negation.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|[,;:()/\n+]")
_BOUNDARY = frozenset(",;:()/\n+")
# Markers for tokens that are not content words (a stem is never empty, so these cannot collide).
_SKIP, _BREAK, _NEGATE = "", "\x00break", "\x00negate"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Word:
    """A content word of a description: its folded form, its stem and whether it is negated."""

    surface: str
    stem: str
    negated: bool


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Électrochoc' and 'electrochoc' are the same word."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    # Russian й/ё lose their marks too; harmless because terms are folded the same way.
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Normaliser:
    """Turns text into content words; stems are cached because trade vocabulary repeats."""

    def __init__(self, config: Normalisation, extra_stopwords: Iterable[str] = ()) -> None:
        self._min = config.min_stem
        stop = [w for words in config.stopwords.values() for w in words] + list(extra_stopwords)
        self._stop = frozenset(fold(w) for w in stop)
        self._negations = frozenset(fold(w) for w in config.negations)
        self._span = config.negation_span
        self._latin = [(fold(s), fold(r)) for s, r in config.suffixes.get("latin", [])]
        self._cyrillic = [(fold(s), fold(r)) for s, r in config.suffixes.get("cyrillic", [])]
        self._stems: dict[str, str] = {}
        self._kinds: dict[str, str] = {}

    def is_stopword(self, folded: str) -> bool:
        return folded in self._stop

    def stem(self, folded: str) -> str:
        """Strip endings until none applies, so plural and singular meet at one stem."""
        cached = self._stems.get(folded)
        if cached is None:
            rules = self._cyrillic if _CYRILLIC.search(folded) else self._latin
            cached = _strip(folded, rules, self._min)
            if len(self._stems) < 200_000:
                self._stems[folded] = cached
        return cached

    def words(self, text: str) -> list[Word]:
        """Content words in order; stopwords and numbers dropped, negation scopes marked."""
        result: list[Word] = []
        negate_left = 0
        kinds = self._kinds
        for token in _TOKEN.findall(fold(text)):
            kind = kinds.get(token)
            if kind is None:
                kind = self._kind(token)
            if kind is _SKIP:
                continue
            if kind is _BREAK:
                negate_left = 0
            elif kind is _NEGATE:
                negate_left = self._span
            else:
                result.append(Word(token, kind, negate_left > 0))
                negate_left = max(0, negate_left - 1)
        return result

    def _kind(self, token: str) -> str:
        """What a token is, cached: punctuation, a number or stopword, a negation, or its stem."""
        if token in _BOUNDARY:
            kind = _BREAK
        elif token in self._negations:  # before stopwords: 'without' is both
            kind = _NEGATE
        elif token[0].isdigit() or token in self._stop:
            kind = _SKIP
        else:
            kind = self.stem(token)
        if len(self._kinds) < 200_000:
            self._kinds[token] = kind
        return kind

    def stems(self, text: str) -> tuple[str, ...]:
        """Stems of a term from the data, in order (terms carry no negation)."""
        return tuple(w.stem for w in self.words(text))


def _strip(word: str, rules: list[tuple[str, str]], minimum: int) -> str:
    changed = True
    while changed:
        changed = False
        for suffix, replacement in rules:
            if word.endswith(suffix) and len(word) - len(suffix) + len(replacement) >= minimum:
                stripped = word[: len(word) - len(suffix)] + replacement
                if stripped != word:
                    word, changed = stripped, True
                    break
    return word
