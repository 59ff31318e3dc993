"""name_v2's view of an index: every alias's tokens as arrays, computed once when the index is built.

Scoring in bulk needs, per alias, token numbers and weights in a padded matrix, and per distinct
token its folded spelling, phonetic and skeleton keys. Nothing here is recomputed per query.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from torturefree.screening.extras import Extras, build_extras
from torturefree.screening.normalize import NameKey, phonetic, skeleton
from torturefree.screening.packed import PackedPostings
from torturefree.screening.spelling import PARTICLES, fold
from torturefree.screening.targets import Target

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]
# Retrieval key kinds and their weight relative to a whole-token hit.
KEY_WEIGHTS = {"t": 1.0, "f": 0.9, "p": 0.6, "s": 0.5, "g": 0.25}
# Query tokens whose per-list keys are remembered (a few MB per list at most).
MEMO_TOKENS = 50_000


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """Per distinct token: what bulk comparison looks at besides the spelling."""

    folded: str
    phonetic: int
    skeleton: int
    first: int
    length: int
    numeric: bool


@dataclass
class AliasTable:
    """Padded token matrix of all aliases plus the token vocabulary and v2 retrieval postings."""

    vocab: list[str]
    folded: list[str]
    phonetic: IntArray
    skeleton: IntArray
    first: IntArray
    length: IntArray
    numeric: npt.NDArray[np.bool_]
    idf: FloatArray
    token_ids: IntArray
    particle: npt.NDArray[np.bool_]
    weak: npt.NDArray[np.bool_]
    joined: list[str]
    alias_weak: npt.NDArray[np.bool_]
    alias_target: IntArray
    alias_schema: IntArray
    schemas: list[str]
    phonetic_codes: dict[str, int]
    skeleton_codes: dict[str, int]
    postings: Mapping[str, IntArray]
    key_weight: dict[str, float]
    # Arrays derived from the fields above on first use (derived.py); None until then.
    memo: dict[Any, Any] | None = field(default=None, repr=False, compare=False)
    # name_v3's additions (extras.py); their retrieval keys are in `postings` too.
    extras: Extras | None = None


def token_info(
    token: str, phonetic_codes: dict[str, int], skeleton_codes: dict[str, int]
) -> TokenInfo:
    """Keys of one token; codes unseen in the list become -1 (they can equal nothing)."""
    bones = skeleton(token)
    return TokenInfo(
        folded=fold(token),
        phonetic=phonetic_codes.get(phonetic(token), -1) if phonetic(token) else -1,
        skeleton=skeleton_codes.get(bones, -1) if len(bones) >= 4 and len(token) > 3 else -1,
        first=ord(token[0]),
        length=len(token),
        numeric=any(ch.isdigit() for ch in token),
    )


def retrieval_keys_v2(tokens: Sequence[str]) -> set[str]:
    """Tokens, folded spellings, phonetic and skeleton keys, trigrams of folded spellings."""
    keys: set[str] = set()
    for token in tokens:
        keys.update(_token_keys(token))
    return keys


@lru_cache(maxsize=200_000)
def _token_keys(token: str) -> tuple[str, ...]:
    """One token's retrieval keys; cached because query tokens repeat (given and family names)."""
    keys: set[str] = set()
    folded = fold(token)
    keys.update(("t:" + token, "f:" + folded))
    if phonetic(token):
        keys.add("p:" + phonetic(token))
    bones = skeleton(token)
    if len(bones) >= 3:
        keys.add("s:" + bones)
    padded = f"^{folded}$"
    keys.update("g:" + padded[i : i + 3] for i in range(len(padded) - 2))
    return tuple(keys)


def build_table(
    targets: Sequence[Target],
    keys: Sequence[tuple[int, bool, NameKey]],
    token_idf: dict[str, float],
    posting_share: float,
) -> AliasTable:
    """Arrays for (target number, weak alias, name key) triples in alias order."""
    token_id: dict[str, int] = {}
    for _, _, key in keys:
        for token in key.tokens:
            token_id.setdefault(token, len(token_id))
    vocab = list(token_id)
    phonetic_codes = _codes(phonetic(t) for t in vocab)
    skeleton_codes = _codes(skeleton(t) for t in vocab if len(t) > 3 and len(skeleton(t)) >= 4)
    infos = [token_info(t, phonetic_codes, skeleton_codes) for t in vocab]
    width = max((len(k.tokens) for _, _, k in keys), default=1)
    ids = np.full((len(keys), width), -1, dtype=np.int32)
    particle = np.zeros((len(keys), width), dtype=np.bool_)
    weak = np.zeros((len(keys), width), dtype=np.bool_)
    for row, (_, _, key) in enumerate(keys):
        for col, token in enumerate(key.tokens):
            ids[row, col] = token_id[token]
            particle[row, col] = token in PARTICLES
            weak[row, col] = token in key.weak
    schemas = sorted({t.schema for t in targets})
    postings, key_weight = _postings([k.tokens for _, _, k in keys], posting_share)
    # Extra keys have prefixes of their own ('a:', 'i:', 'r:'): name_v2 never looks them up.
    extras, extra_postings, extra_weights = build_extras(
        vocab,
        [k for _, _, k in keys],
        [t for t, _, _ in keys],
        [targets[t].is_person for t, _, _ in keys],
        posting_share,
    )
    postings.update(extra_postings)
    key_weight.update(extra_weights)
    return AliasTable(
        vocab=vocab,
        folded=[i.folded for i in infos],
        phonetic=np.array([i.phonetic for i in infos], dtype=np.int32),
        skeleton=np.array([i.skeleton for i in infos], dtype=np.int32),
        first=np.array([i.first for i in infos], dtype=np.int32),
        length=np.array([i.length for i in infos], dtype=np.int32),
        numeric=np.array([i.numeric for i in infos], dtype=np.bool_),
        idf=np.array([token_idf[t] for t in vocab], dtype=np.float32),
        token_ids=ids,
        particle=particle,
        weak=weak,
        joined=["".join(k.tokens) for _, _, k in keys],
        alias_weak=np.array([w for _, w, _ in keys], dtype=np.bool_),
        alias_target=np.array([t for t, _, _ in keys], dtype=np.int32),
        alias_schema=np.array(
            [schemas.index(targets[t].schema) for t, _, _ in keys], dtype=np.int32
        ),
        schemas=schemas,
        phonetic_codes=phonetic_codes,
        skeleton_codes=skeleton_codes,
        postings=PackedPostings(postings),
        key_weight=key_weight,
        extras=extras,
    )


def _codes(values: object) -> dict[str, int]:
    codes: dict[str, int] = {}
    for value in values:  # type: ignore[attr-defined]
        if value:
            codes.setdefault(value, len(codes))
    return codes


def _postings(
    names: Sequence[Sequence[str]], share: float
) -> tuple[dict[str, IntArray], dict[str, float]]:
    """Posting lists of every retrieval key; keys in over `share` of the aliases are dropped."""
    lists: dict[str, list[int]] = defaultdict(list)
    for number, tokens in enumerate(names):
        for key in retrieval_keys_v2(tokens):
            lists[key].append(number)
    count = max(len(names), 1)
    cap = max(50, int(count * share))
    postings = {k: np.asarray(v, dtype=np.int32) for k, v in lists.items() if len(v) <= cap}
    weights = {k: KEY_WEIGHTS[k[0]] * math.log(1 + count / len(v)) for k, v in postings.items()}
    return postings, weights


def candidates_v2(
    table: AliasTable, tokens: Sequence[str], limit: int, extra: Sequence[str] = ()
) -> IntArray:
    """Alias numbers sharing the most rare keys with the query, best first; bounded work.

    `extra`: name_v3's own keys of the query (abjad keys, acronyms); the list's unknown ones
    are skipped. A key shared by two query tokens counts once.
    """
    present: dict[str, tuple[IntArray, float]] = {}
    for key in extra:
        if key in table.postings and key not in present:
            present[key] = (table.postings[key], table.key_weight[key])
    for token in tokens:
        present.update(_indexed_keys(table, token))
    if not present:
        return np.zeros(0, dtype=np.int32)
    unique, scores = _key_totals(table, list(present.values()))
    if len(unique) > limit:
        keep = (-scores).argpartition(limit)[:limit]
        unique, scores = unique[keep], scores[keep]
    order = (-scores).argsort(kind="stable")
    return unique[order].astype(np.int32)


def _indexed_keys(table: AliasTable, token: str) -> dict[str, tuple[IntArray, float]]:
    """A token's retrieval keys that this list indexes, with their postings and weights,
    remembered per list (bounded)."""
    if table.memo is None:
        table.memo = {}
    known: dict[str, dict[str, tuple[IntArray, float]]] = table.memo.setdefault("indexed", {})
    found = known.get(token)
    if found is None:
        if len(known) >= MEMO_TOKENS:
            known.clear()  # a crude bound: query tokens are unbounded over a process's life
        # key_weight has exactly the keys of postings (built together), and a dict is faster.
        postings, weight = table.postings, table.key_weight
        found = known[token] = {
            k: (postings[k], weight[k]) for k in _token_keys(token) if k in weight
        }
    return found


def _key_totals(
    table: AliasTable, keyed: list[tuple[IntArray, float]]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """Each alias hit by the keys (ascending) and the sum of its keys' weights.

    Weights go to bincount as float64 (it would convert float32 ones itself, more slowly), and
    the hits are found on a boolean array (`nonzero` of floats is several times slower): every
    weight is positive, so `totals > 0` marks exactly the aliases hit. The weights are float32
    values of a narrow range (a few units), so their float64 sums are exact in any order.
    """
    lists = [p for p, _ in keyed]
    weights = np.array([w for _, w in keyed], dtype=np.float32).astype(np.float64)
    repeated = weights.repeat([len(p) for p in lists])
    totals = np.bincount(np.concatenate(lists), weights=repeated, minlength=len(table.joined))
    unique = (totals > 0).nonzero()[0]
    return unique, np.asarray(totals[unique], dtype=np.float64)
