"""A stored index reads back as the index that was built: packed postings and aliases."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from torturefree.screening.index import Alias
from torturefree.screening.normalize import name_key
from torturefree.screening.packed import PackedAliases, PackedPostings, PackedTargets
from torturefree.screening.targets import Target


def test_packed_postings_answer_like_the_lists_they_were_made_of() -> None:
    lists = {
        "t:salek": np.array([0, 4], dtype=np.int32),
        "g:^sa": np.array([0, 1, 2], dtype=np.int32),
        "t:none": np.zeros(0, dtype=np.int32),
    }
    packed = pickle.loads(pickle.dumps(PackedPostings(lists)))
    assert set(packed) == set(lists) and len(packed) == 3
    for key, values in lists.items():
        assert key in packed and packed[key].tolist() == values.tolist()
    assert "t:other" not in packed and packed.get("t:other") is None


def test_packed_aliases_give_back_each_alias_with_its_key() -> None:
    keys = [name_key("Acme Trading LLC", None), name_key("SALEK, Abdulhai", True)]
    aliases = [Alias(0, "Acme Trading LLC", False, keys[0]), Alias(3, "SALEK", True, keys[1])]
    packed = pickle.loads(pickle.dumps(PackedAliases(aliases)))
    assert len(packed) == 2
    assert list(packed) == aliases
    assert packed[-1] == aliases[1] and packed[0:1] == aliases[:1]
    assert packed[0].key.weak == keys[0].weak and keys[0].weak, "legal form kept as weak"


def test_packed_targets_give_back_each_target() -> None:
    targets = [
        Target("un", "QDi.1", "Person", "SALEK", (("SALEK", False), ("Abu S", True)),
               ("1970",), frozenset({"af", "pk"}), frozenset({"A1234"}), "h1"),
        Target("un", "QDe.2", "Organization", "Acme", (("Acme", False),), (), frozenset(),
               frozenset(), "h2"),
    ]  # fmt: skip
    packed = pickle.loads(pickle.dumps(PackedTargets(targets)))
    assert list(packed) == targets and packed[1] is packed[1]
    assert packed[0].countries == frozenset({"af", "pk"}) and packed[0].is_person is True


def test_an_index_holds_one_watchlist() -> None:
    one = Target("un", "1", "Person", "A", (("A", False),), (), frozenset(), frozenset(), "h")
    other = Target("sdn", "2", "Person", "B", (("B", False),), (), frozenset(), frozenset(), "h")
    with pytest.raises(ValueError, match="one watchlist"):
        PackedTargets([one, other])
