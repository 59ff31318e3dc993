"""Candidate retrieval: an inverted index of name tokens, phonetic keys and n-grams.

A query touches only the postings of its own keys, never the whole list.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from torturefree.screening.algorithm import NameV2Config
from torturefree.screening.normalize import NameKey, name_key, phonetic, skeleton
from torturefree.screening.packed import PackedAliases, PackedPostings, PackedTargets
from torturefree.screening.schemata import SchemaFacts, all_facts
from torturefree.screening.table import AliasTable, build_table
from torturefree.screening.targets import Target

# A key found in more aliases than this share says nothing about which one is meant.
MAX_POSTING_SHARE = 0.05
# Retrieval key kinds and their weight relative to a whole-token hit.
KEY_WEIGHTS = {"t": 1.0, "p": 0.6, "s": 0.4, "g": 0.25}


def retrieval_keys(key: NameKey) -> set[str]:
    """Tokens, metaphone and consonant-skeleton keys, and character trigrams of each token."""
    keys: set[str] = set()
    for token in key.tokens:
        keys.add("t:" + token)
        code = phonetic(token)
        if code:
            keys.add("p:" + code)
        bones = skeleton(token)
        if len(bones) >= 3:
            keys.add("s:" + bones)
        padded = f"^{token}$"
        keys.update("g:" + padded[i : i + 3] for i in range(len(padded) - 2))
    keys.add("g:" + "".join(key.tokens)[:4])
    return keys


@dataclass(slots=True)
class Alias:
    """One name of one target, as indexed."""

    target: int
    name: str
    weak: bool
    key: NameKey


@dataclass
class NameIndex:
    """All aliases of one watchlist version, with token rarity and the posting lists."""

    targets: Sequence[Target]
    aliases: Sequence[Alias]
    token_idf: dict[str, float]
    postings: Mapping[str, npt.NDArray[np.int32]]
    key_weight: dict[str, float]
    default_idf: float = 1.0
    # name_v2's arrays over the same aliases (None only in indexes pickled before name_v2).
    table: AliasTable | None = None
    # FtM's schema answers, so reading the index needs no FtM import (schemata.py).
    schemata: SchemaFacts | None = None
    _empty: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    def idf(self, token: str) -> float:
        return self.token_idf.get(token, self.default_idf)

    def candidates(self, query: NameKey, limit: int) -> list[int]:
        """Alias numbers sharing the most rare keys with the query, best first."""
        keys = [k for k in retrieval_keys(query) if k in self.postings]
        if not keys or not self.aliases:
            return []
        lists = [self.postings[k] for k in keys]
        weights = np.concatenate(
            [
                np.full(len(p), self.key_weight[k], dtype=np.float32)
                for k, p in zip(keys, lists, strict=True)
            ]
        )
        scores = np.bincount(np.concatenate(lists), weights=weights, minlength=len(self.aliases))
        hit = np.flatnonzero(scores)
        if len(hit) > limit:
            hit = hit[np.argpartition(-scores[hit], limit)[:limit]]
        return [int(i) for i in hit[np.argsort(-scores[hit], kind="stable")]]


def build_index(targets: Sequence[Target]) -> NameIndex:
    """Index every name of every target; schema decides how names are normalised."""
    aliases: list[Alias] = []
    for number, target in enumerate(targets):
        for name, weak in target.names:
            key = name_key(name, target.is_person)
            if key.tokens:
                aliases.append(Alias(number, name, weak, key))
    idf, postings, weights, default = _postings(aliases)
    table = build_table(
        targets,
        [(a.target, a.weak, a.key) for a in aliases],
        idf,
        NameV2Config().posting_share,
    )
    return NameIndex(
        PackedTargets(targets),
        PackedAliases(aliases),
        idf,
        PackedPostings(postings),
        weights,
        default,
        table,
        all_facts(),
    )


def _postings(
    aliases: Iterable[Alias],
) -> tuple[dict[str, float], dict[str, npt.NDArray[np.int32]], dict[str, float], float]:
    posting_lists: dict[str, list[int]] = defaultdict(list)
    token_df: dict[str, int] = defaultdict(int)
    count = 0
    for number, alias in enumerate(aliases):
        count += 1
        for token in set(alias.key.tokens):
            token_df[token] += 1
        for k in retrieval_keys(alias.key):
            posting_lists[k].append(number)
    cap = max(50, int(count * MAX_POSTING_SHARE))
    postings = {k: np.asarray(v, dtype=np.int32) for k, v in posting_lists.items() if len(v) <= cap}
    key_weight = {k: KEY_WEIGHTS[k[0]] * math.log(1 + count / len(v)) for k, v in postings.items()}
    token_idf = {t: math.log(1 + count / df) for t, df in token_df.items()}
    return token_idf, postings, key_weight, math.log(1 + max(count, 1))
