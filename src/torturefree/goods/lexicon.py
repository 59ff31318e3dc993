"""The phrase index: every term, exclusion, cue and substance name, matched word-order-free."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from torturefree.goods.resources import TypoRule
from torturefree.goods.text import Normaliser, Word

Kind = Literal["term", "title", "exclusion", "cue", "substance"]
_CACHE_LIMIT = 200_000
_MIN_COMPOUND = 9
# Only names of goods count when partly present; exclusions and cues must be complete.
_PARTIAL_KINDS = frozenset(
    {"term", "title", "substance"}
)  # shorter words are rarely compounds of two listed words


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase from the data and what it stands for (an entry, an exclusion, a cue)."""

    owner: str
    kind: Kind
    ref: str
    text: str
    lang: str
    stems: tuple[str, ...]
    joined: bool = False
    distinct: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "distinct", frozenset(self.stems))


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """How much of a phrase a description contains, and which words were read with a typo."""

    phrase: Phrase
    matched: frozenset[str]
    complete: bool
    typos: tuple[tuple[str, str], ...]

    @property
    def coverage(self) -> float:
        return len(self.matched) / len(self.phrase.distinct)


@dataclass(frozen=True, slots=True)
class _Resolved:
    """A query word mapped to vocabulary stems (itself, a typo's correction, or compound parts)."""

    stems: tuple[str, ...]
    typo: bool


class Lexicon:
    """Inverted index from stem to phrases, with typo and compound tolerance cached per word."""

    def __init__(self, normaliser: Normaliser, typos: Sequence[TypoRule]) -> None:
        self.normaliser = normaliser
        self._typos = sorted(typos, key=lambda t: t.min_length, reverse=True)
        self._min_typo = min((t.min_length for t in typos), default=0)
        self._phrases: list[Phrase] = []
        self._distinct: list[int] = []
        self._partial: list[bool] = []
        self._rare: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._known: set[str] = set()
        self._owners: dict[str, set[str]] = defaultdict(set)
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._resolved: dict[str, _Resolved] = {}
        self._firsts: set[str] = set()  # first words of multi-word phrases, to try joining pairs

    def add(self, owner: str, kind: Kind, ref: str, lang: str, text: str) -> None:
        """Index one phrase, plus its words run together ('thumb cuffs' -> 'thumbcuffs')."""
        words = self.normaliser.words(text)
        stems = tuple(w.stem for w in words)
        if not stems:
            return
        self._store(Phrase(owner, kind, ref, text, lang, stems))
        if len(words) > 1:
            self._firsts.add(words[0].surface)
            joined = self.normaliser.stem("".join(w.surface for w in words))
            self._store(Phrase(owner, kind, ref, text, lang, (joined,), joined=True))

    def add_known(self, words: Iterable[str]) -> None:
        """Words that must never be read as a typo of a listed word ('phenobarbital')."""
        for text in words:
            self._known.update(w.stem for w in self.normaliser.words(text))

    def _store(self, phrase: Phrase) -> None:
        index = len(self._phrases)
        self._phrases.append(phrase)
        self._distinct.append(len(set(phrase.stems)))
        self._partial.append(phrase.kind in _PARTIAL_KINDS)
        for stem in set(phrase.stems):
            if stem not in self._postings:
                self._by_initial[stem[0]].append(stem)
            self._postings[stem].append(index)
            if phrase.kind in ("term", "title", "substance"):
                self._owners[stem].add(phrase.owner)

    def spread(self, stem: str) -> int:
        """In how many entries' terms a stem occurs: a word shared by many says little alone."""
        return len(self._owners.get(stem, ()))

    def match(self, words: Sequence[Word]) -> list[PhraseHit]:
        """Every phrase the words touch, complete or partial; negated words count for nothing."""
        positions: dict[str, list[int]] = defaultdict(list)
        typos: dict[str, str] = {}
        unknown: list[tuple[int, Word]] = []
        for position, word in enumerate(words):
            if word.negated:
                continue
            resolved = self._resolve(word)
            if not resolved.stems and len(word.stem) < self._min_typo:
                unknown.append((position, word))  # longer unknown words had their typo chance
            for stem in resolved.stems:
                positions[stem].append(position)
                if resolved.typo:
                    typos[stem] = word.surface
        self._joined_pairs(words, positions)
        if not positions:
            return []
        hits = [
            self._hit(self._phrases[i], positions, typos)
            for i in self._worth_checking(positions, one_short=bool(unknown))
        ]
        if unknown:
            hits = [
                self._short_typo(h, positions, typos, unknown)
                if len(h.phrase.distinct) - len(h.matched) == 1
                else h
                for h in hits
            ]
        return _without_twins(hits)

    def _worth_checking(self, positions: dict[str, list[int]], one_short: bool) -> list[int]:
        """Phrases with at least half their words present (or all but one, when a word is unknown).

        Counting first keeps the per-description cost low: most phrases a common word touches
        ('steel', 'chain') are far from complete and are never built into hits.
        """
        counts = Counter(chain.from_iterable(self._postings.get(s, ()) for s in positions))
        kept = []
        distinct, partial, rare = self._distinct, self._partial, self._rare
        for index, found in counts.items():
            need = distinct[index]
            # Complete; or, for names of goods, one short with a short unknown word about, or
            # half there: two words, or one word no other entry's terms use.
            worth = found == need or (
                partial[index]
                and (
                    (one_short and found == need - 1)
                    or (2 * found >= need and (found >= 2 or not rare[index].isdisjoint(positions)))
                )
            )
            if worth:
                kept.append(index)
        return sorted(kept)

    def freeze(self) -> None:
        """Call once every phrase is in: notes, per phrase, the words no other entry's terms use."""
        self._rare = [
            frozenset(s for s in phrase.stems if self.spread(s) <= 1) for phrase in self._phrases
        ]

    def _short_typo(
        self,
        hit: PhraseHit,
        positions: dict[str, list[int]],
        typos: dict[str, str],
        unknown: list[tuple[int, Word]],
    ) -> PhraseHit:
        """'finger cufs': a short word one edit off counts when the rest of the phrase is there."""
        missing = set(hit.phrase.stems) - hit.matched
        if hit.complete or len(missing) != 1 or not hit.matched:
            return hit
        (wanted,) = missing
        for position, word in unknown:
            if len(wanted) >= 3 and OSA.distance(word.stem, wanted, score_cutoff=1) <= 1:
                trial = {**positions, wanted: [position]}
                fixed = self._hit(hit.phrase, trial, {**typos, wanted: word.surface})
                if fixed.complete:
                    return fixed
        return hit

    def _joined_pairs(self, words: Sequence[Word], positions: dict[str, list[int]]) -> None:
        # "Elektro Schocker" or "thumb-cuffs" written apart: try each neighbouring pair as one word.
        for i in range(len(words) - 1):
            if words[i].negated or words[i + 1].negated or words[i].surface not in self._firsts:
                continue
            joined = self.normaliser.stem(words[i].surface + words[i + 1].surface)
            if joined in self._postings:
                # Both places, so the pair is next to a word before it and one after it.
                positions[joined].extend((i, i + 1))

    def _hit(
        self, phrase: Phrase, positions: dict[str, list[int]], typos: dict[str, str]
    ) -> PhraseHit:
        distinct = phrase.distinct
        matched = distinct & positions.keys()
        complete = len(matched) == len(distinct) and (
            len(distinct) == 1 or _compact(phrase.stems, positions)
        )
        corrected = tuple((typos[s], s) for s in sorted(matched) if s in typos) if typos else ()
        return PhraseHit(phrase, frozenset(matched), complete, corrected)

    def _resolve(self, word: Word) -> _Resolved:
        cached = self._resolved.get(word.surface)
        if cached is None:
            cached = self._lookup(word)
            if len(self._resolved) < _CACHE_LIMIT:
                self._resolved[word.surface] = cached
        return cached

    def _lookup(self, word: Word) -> _Resolved:
        stem = word.stem
        if stem in self._postings or stem in self._known:
            return _Resolved((stem,), typo=False)
        parts = self._split(word.surface)
        if parts:
            return _Resolved(parts, typo=False)
        corrected = self._correct(stem)
        return _Resolved((corrected,), typo=True) if corrected else _Resolved((), typo=False)

    def _correct(self, stem: str) -> str | None:
        limit = next((t.max_edits for t in self._typos if len(stem) >= t.min_length), 0)
        candidates = self._by_initial.get(stem[0], [])
        if not limit or not candidates:
            return None
        found = process.extractOne(stem, candidates, scorer=OSA.distance, score_cutoff=limit)
        return str(found[0]) if found else None

    def _split(self, surface: str) -> tuple[str, ...]:
        """A compound of two listed words ('elektroschockpistole' = 'elektroschock' + 'pistol')."""
        if len(surface) < _MIN_COMPOUND:
            return ()
        stem = self.normaliser.stem
        for cut in range(len(surface) - 4, 3, -1):
            head, tail = surface[:cut], stem(surface[cut:])
            if tail not in self._postings:
                continue
            for candidate in (head, head[:-1] if head.endswith("s") else head):
                if stem(candidate) in self._postings:
                    return (stem(candidate), tail)
        return ()


def _without_twins(hits: list[PhraseHit]) -> list[PhraseHit]:
    """A phrase found both written apart and run together counts once, as written apart."""
    if not any(h.phrase.joined for h in hits):
        return hits
    apart = {(h.phrase.owner, h.phrase.text) for h in hits if h.complete and not h.phrase.joined}
    return [h for h in hits if not (h.phrase.joined and (h.phrase.owner, h.phrase.text) in apart)]


def _compact(stems: tuple[str, ...], positions: dict[str, list[int]]) -> bool:
    """All words of a phrase close together, any order; one spare word allowed in long phrases."""
    distinct = list(dict.fromkeys(stems))
    if len(distinct) == 1:
        return True
    slack = len(distinct) + (1 if len(distinct) >= 3 else 0)
    best = _smallest_span([positions[s] for s in distinct])
    return best < slack


def _smallest_span(lists: list[list[int]]) -> int:
    """Width (last - first position) of the tightest window holding one position from each list."""
    events = sorted((p, i) for i, ps in enumerate(lists) for p in ps)
    have: dict[int, int] = defaultdict(int)
    need, best, left = len(lists), 10**9, 0
    covered = 0
    for pos, idx in events:
        have[idx] += 1
        covered += have[idx] == 1
        while covered == need:
            best = min(best, pos - events[left][0])
            left_idx = events[left][1]
            have[left_idx] -= 1
            covered -= have[left_idx] == 0
            left += 1
    return best
