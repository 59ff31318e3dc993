"""Compact forms of an index's bulky parts, so a stored index is read in a few buffer copies.

A list version's index is built once and kept on disk (`service.load_index`). Pickled as plain
Python objects, its posting lists (some 100,000 small arrays for SDN + UN), its aliases (one
object per name, each with its key) and its targets took most of a `screen` run's start: every
object is rebuilt one by one. Here the posting lists are one int32 array cut by offsets, and the
aliases and targets are rows of plain tuples and strings; an alias or target becomes an object
only when it is asked for (a candidate scored in full, a match explained). All are read-only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import numpy.typing as npt

from torturefree.screening.normalize import NameKey
from torturefree.screening.targets import Target

if TYPE_CHECKING:
    from torturefree.screening.index import Alias

IntArray = npt.NDArray[np.int32]
# Separates tokens inside one stored string (never part of a normalised token).
SEPARATOR = "\x1f"


class PackedPostings(Mapping[str, IntArray]):
    """Posting lists by key: one flat int32 array, each key's list a slice of it (no copies)."""

    __slots__ = ("_flat", "_slot", "_starts")

    def __init__(self, lists: Mapping[str, IntArray]) -> None:
        keys = list(lists)
        sizes = np.fromiter((len(lists[k]) for k in keys), dtype=np.int64, count=len(keys))
        self._starts = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(sizes, out=self._starts[1:])
        parts = [np.asarray(lists[k], dtype=np.int32) for k in keys]
        self._flat: IntArray = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        self._slot = {key: number for number, key in enumerate(keys)}

    def __getitem__(self, key: str) -> IntArray:
        number = self._slot[key]
        return self._flat[self._starts[number] : self._starts[number + 1]]

    def __contains__(self, key: object) -> bool:
        return key in self._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self._slot)

    def __len__(self) -> int:
        return len(self._slot)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore_postings, (list(self._slot), self._starts, self._flat))


def _restore_postings(keys: list[str], starts: npt.NDArray[np.int64], flat: IntArray) -> Any:
    packed = PackedPostings.__new__(PackedPostings)
    packed._slot = dict(zip(keys, range(len(keys)), strict=True))
    packed._starts = starts
    packed._flat = flat
    return packed


class PackedAliases(Sequence["Alias"]):
    """Every alias of an index as columns; `[n]` makes alias n (remembered) when it is asked for."""

    __slots__ = ("_made", "_names", "_originals", "_targets", "_tokens", "_weak", "_weak_tokens")

    def __init__(self, aliases: Sequence[Alias]) -> None:
        self._targets: IntArray = np.array([a.target for a in aliases], dtype=np.int32)
        self._weak = np.array([a.weak for a in aliases], dtype=np.bool_)
        self._names = [a.name for a in aliases]
        self._originals = [a.key.original for a in aliases]
        self._tokens = [SEPARATOR.join(a.key.tokens) for a in aliases]
        self._weak_tokens = [SEPARATOR.join(sorted(a.key.weak)) for a in aliases]
        self._made: dict[int, Alias] = {}

    @overload
    def __getitem__(self, number: int) -> Alias: ...

    @overload
    def __getitem__(self, number: slice) -> list[Alias]: ...

    def __getitem__(self, number: int | slice) -> Alias | list[Alias]:
        if isinstance(number, slice):
            return [self[n] for n in range(len(self))[number]]
        if number < 0:
            number += len(self)
        made = self._made.get(number)
        if made is None:
            made = self._made[number] = self._make(number)
        return made

    def _make(self, number: int) -> Alias:
        from torturefree.screening.index import Alias  # index.py imports this module

        tokens = self._tokens[number]
        weak = self._weak_tokens[number]
        key = NameKey(
            self._originals[number],
            tuple(tokens.split(SEPARATOR)) if tokens else (),
            frozenset(weak.split(SEPARATOR)) if weak else frozenset(),
        )
        return Alias(int(self._targets[number]), self._names[number], bool(self._weak[number]), key)

    def __len__(self) -> int:
        return len(self._names)

    def __iter__(self) -> Iterator[Alias]:
        return (self[n] for n in range(len(self)))

    def __reduce__(self) -> tuple[Any, ...]:
        columns = (
            self._targets,
            self._weak,
            self._names,
            self._originals,
            self._tokens,
            self._weak_tokens,
        )
        return (_restore_aliases, columns)


def _restore_aliases(
    targets: IntArray,
    weak: npt.NDArray[np.bool_],
    names: list[str],
    originals: list[str],
    tokens: list[str],
    weak_tokens: list[str],
) -> Any:
    packed = PackedAliases.__new__(PackedAliases)
    packed._targets, packed._weak, packed._names = targets, weak, names
    packed._originals, packed._tokens, packed._weak_tokens = originals, tokens, weak_tokens
    packed._made = {}
    return packed


TargetRow = tuple[
    str,
    str,
    str,
    tuple[tuple[str, bool], ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    str,
]


class PackedTargets(Sequence[Target]):
    """The targets of one list as plain rows; `[n]` makes target n (remembered) when asked for."""

    __slots__ = ("_made", "_rows", "_watchlist")

    def __init__(self, targets: Sequence[Target]) -> None:
        self._watchlist = targets[0].watchlist if targets else ""
        if any(t.watchlist != self._watchlist for t in targets):
            raise ValueError("an index holds the targets of one watchlist")
        self._rows: list[TargetRow] = [_row(t) for t in targets]
        self._made: dict[int, Target] = {}

    @overload
    def __getitem__(self, number: int) -> Target: ...

    @overload
    def __getitem__(self, number: slice) -> list[Target]: ...

    def __getitem__(self, number: int | slice) -> Target | list[Target]:
        if isinstance(number, slice):
            return [self[n] for n in range(len(self))[number]]
        if number < 0:
            number += len(self)
        made = self._made.get(number)
        if made is None:
            entity_id, schema, caption, names, born, countries, ids, digest = self._rows[number]
            made = self._made[number] = Target(
                self._watchlist,
                entity_id,
                schema,
                caption,
                names,
                born,
                frozenset(countries),
                frozenset(ids),
                digest,
            )
        return made

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Target]:
        return (self[n] for n in range(len(self)))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore_targets, (self._watchlist, self._rows))


def _row(target: Target) -> TargetRow:
    return (
        target.entity_id,
        target.schema,
        target.caption,
        target.names,
        target.birth_dates,
        tuple(sorted(target.countries)),
        tuple(sorted(target.identifiers)),
        target.entity_hash,
    )


def _restore_targets(watchlist: str, rows: list[TargetRow]) -> Any:
    packed = PackedTargets.__new__(PackedTargets)
    packed._watchlist, packed._rows, packed._made = watchlist, rows, {}
    return packed
