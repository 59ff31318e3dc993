"""The score bound that lets a query stop before the alignment (bounds.py) is a bound.

If it were not, a name scoring above the threshold would be dropped unseen: a party on a list
waved through. The pinned results (test_pinned.py) check that no shown score moved; these check
the bound itself against every candidate's score, computed in full, for each algorithm.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from torturefree.screening import scoring
from torturefree.screening.algorithm import NameV2Config, get_config
from torturefree.screening.bounds import BOUND_MARGIN
from torturefree.screening.index import NameIndex, build_index
from torturefree.screening.query import parse_query
from torturefree.screening.scoring import Part, score_parts
from torturefree.screening.screen_v2 import best_hits_lists, query_part

from .conftest import listed

NAMES = {
    "1": (["PUANGPETCH, Suwit"], "Person"),
    "2": (["YASSIN SYAWAL", "ABDUL HAI SALEK"], "Person"),
    "3": (["Lydia"], "Person"),
    "4": (["AL-QATTAN, Wassim Anwar", "عبد القدير بصير"], "Person"),
    "5": (["KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"], "Organization"),
    "6": (["INTERCONTINENTAL BAUMASCHINEN GMBH"], "Company"),
    "7": (["Ivan Petrov", "PETROV, Ivan Ivanovich"], "Person"),
    "8": (["Global Communications Group Ltd"], "Company"),
}
QUERIES = [
    "Suwit Phuangphet",
    "ABDULHAI SALEK",
    "Radovan Lydia Sokol",
    "Wassim al Qattan",
    "عبد القدير بصير",
    "KOMID",
    "Korea Mining Dev Trading Corp",
    "Intercontinental Baumaschinen",
    "Ivan Petrov",
    "Global Comm Grp",
    "John Smith",
    "Petra Ivanova",
]


@pytest.fixture(scope="module")
def lists() -> list[NameIndex]:
    half = list(NAMES.items())
    return [
        build_index([listed(k, names, schema) for k, (names, schema) in half[:4]]),
        build_index([listed(k, names, schema) for k, (names, schema) in half[4:]]),
    ]


@pytest.mark.parametrize("algorithm", ["name_v2", "name_v3", "name_v4", "name_v5", "name_v6"])
@pytest.mark.parametrize("name", QUERIES)
def test_bound_is_at_least_every_score(lists: list[NameIndex], algorithm: str, name: str) -> None:
    config = get_config(algorithm)
    assert isinstance(config, NameV2Config)
    query = parse_query({"name": name})
    parts = [p for p in (query_part(query, i, config) for i in lists) if p is not None]
    assert parts
    full = score_parts(parts, config)
    assert full is not None
    seen = _bounds(parts, config)
    assert (seen >= full.scores - BOUND_MARGIN / 10).all()
    # Floors just above the best score: nothing can be shown, and the bound may say so; just
    # below it: the best candidate can reach it, so the scores must be computed.
    top = float(full.scores.max())
    assert score_parts(parts, config, [top - 1e-3] * len(parts)) is not None
    if (seen < 1.01).all():
        assert score_parts(parts, config, [1.01] * len(parts)) is None


def test_pruning_keeps_the_hits(lists: list[NameIndex]) -> None:
    """A query that matches is answered the same with floors as without."""
    config = get_config("name_v3")
    assert isinstance(config, NameV2Config)
    query = parse_query({"name": "Ivan Petrov"})
    hits = best_hits_lists(query, lists, config, [0.7, 0.7])
    everything = best_hits_lists(query, lists, config, [-1.0, -1.0])
    for shown, scored in zip(hits, everything, strict=True):
        assert [(h.target, h.score) for h in shown] == [
            (h.target, h.score) for h in scored if h.score >= 0.7
        ]
    assert hits[1] and hits[1][0].score >= 0.7  # Ivan Petrov is in the second list


def _bounds(parts: list[Part], config: NameV2Config) -> npt.NDArray[np.float64]:
    """The bounds score_parts computes, captured on their way (the real function, watched)."""
    captured: list[npt.NDArray[np.float64]] = []
    original = scoring.upper_bounds  # type: ignore[attr-defined]

    def watch(*args: Any) -> npt.NDArray[np.float64]:
        found = original(*args)
        captured.append(found)
        return found

    scoring.upper_bounds = watch  # type: ignore[attr-defined,assignment]
    try:
        scoring.score_parts(parts, config, [2.0] * len(parts))
    finally:
        scoring.upper_bounds = original  # type: ignore[attr-defined]
    return captured[0]
