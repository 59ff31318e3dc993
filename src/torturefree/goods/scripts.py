"""Arabic and Chinese names of listed goods inside running text (goods_v2; issue #18 item 3).

goods_v1 reads a run of letters as one word, which suits neither script: Chinese is written without
spaces ('出口电击枪十支' contains '电击枪'), and Arabic attaches the article and some prepositions
and conjunctions to the word ('والصواعق', 'بالكهرباء') and spells alef, ya and ta marbuta in
several ways. So Chinese terms are found as character sequences (and, when not found whole, by their
character bigrams, as a partial name), and Arabic words are compared after normalising the letter
forms and removing the attached prefixes and the regular plural endings. Terms are the entries'
`zh` and `ar` terms in data/lists/**, each with its entry's sources.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from torturefree.goods.index import GoodsIndex
from torturefree.goods.lexicon import Kind, Phrase, PhraseHit

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u0640\u064b-\u065f]+")
# Letter forms written interchangeably (hamza seats of alef, alef maqsura, ta marbuta).
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# Attached article, prepositions and conjunctions, longest first; a stem keeps at least 3 letters.
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_ARABIC_SUFFIXES = ("ات", "ون", "ين", "ان")
_MIN_ARABIC = 3
_MIN_BIGRAM_SHARE = 0.6


def arabic_stem(word: str) -> str:
    """'والصواعق' -> 'صواعق'; 'الكهربائية' -> 'كهربائيه'."""
    word = "".join(c for c in word if not unicodedata.combining(c) and c != "ـ")
    word = word.translate(_ARABIC_FOLD)
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_ARABIC:
            word = word[len(prefix) :]
            break
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_ARABIC:
            return word[: -len(suffix)]
    return word


def arabic_stems(text: str) -> list[str]:
    return [arabic_stem(w) for w in _ARABIC_WORD.findall(text)]


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


class ScriptMatcher:
    """The zh and ar terms of the index's entries, matched as their scripts are written."""

    def __init__(self, index: GoodsIndex) -> None:
        self._zh: list[tuple[Phrase, str, set[str]]] = []
        self._ar: list[Phrase] = []
        for owner, kind, ref, lang, text in _terms(index):
            if lang == "zh" and _HAN.search(text):
                compact = re.sub(r"\s+", "", text)
                phrase = Phrase(owner, kind, ref, text, lang, (compact,))
                self._zh.append((phrase, compact, _bigrams(compact)))
            elif lang == "ar" and _ARABIC.search(text):
                stems = tuple(arabic_stems(text))
                if stems:
                    self._ar.append(Phrase(owner, kind, ref, text, lang, stems))

    def match(self, description: str) -> list[PhraseHit]:
        hits: list[PhraseHit] = []
        if self._zh and _HAN.search(description):
            hits.extend(self._match_zh(re.sub(r"\s+", "", description)))
        if self._ar and _ARABIC.search(description):
            hits.extend(self._match_ar(arabic_stems(description)))
        return hits

    def _match_zh(self, text: str) -> Iterator[PhraseHit]:
        present = _bigrams(text)
        for phrase, compact, grams in self._zh:
            if compact in text:
                yield PhraseHit(phrase, phrase.distinct, True, ())
            elif len(grams) >= 2 and len(grams & present) >= _MIN_BIGRAM_SHARE * len(grams):
                # Most of a longer name's character pairs: a partial name, never a verdict.
                yield PhraseHit(phrase, phrase.distinct, False, ())

    def _match_ar(self, stems: list[str]) -> Iterator[PhraseHit]:
        positions: dict[str, list[int]] = {}
        for i, stem in enumerate(stems):
            positions.setdefault(stem, []).append(i)
        for phrase in self._ar:
            matched = phrase.distinct & positions.keys()
            if not matched:
                continue
            complete = len(matched) == len(phrase.distinct) and _close(phrase, positions)
            if complete or len(matched) >= 2:
                yield PhraseHit(phrase, frozenset(matched), complete, ())


def _close(phrase: Phrase, positions: dict[str, list[int]]) -> bool:
    """All words within the phrase's length plus one (Arabic puts adjectives after nouns)."""
    if len(phrase.distinct) == 1:
        return True
    first = [min(positions[s]) for s in phrase.distinct]
    return max(first) - min(first) <= len(phrase.distinct)


def _terms(index: GoodsIndex) -> Iterator[tuple[str, Kind, str, str, str]]:
    """(owner, kind, ref, lang, text) of every entry's terms and exclusion terms."""
    for entry in index.entries.values():
        for source in index.sources(entry):
            for terms in (source.file.terms, source.version.terms):
                for lang, words in terms.items():
                    for text in words:
                        yield entry.id, "term", "", lang, text
        for exclusion in entry.version.exclusions:
            for lang, words in exclusion.terms.items():
                for text in words:
                    yield entry.id, "exclusion", exclusion.id, lang, text
