"""name_v6: name_v5's scores, lowered where several parts are only alike, none the same, and a
part is left over; whole names respelt (romanisations, typos) keep their score."""

from __future__ import annotations

import pytest

from torturefree.screening.algorithm import get_config
from torturefree.screening.index import build_index
from torturefree.screening.query import parse_query
from torturefree.screening.screen import Screener

from .conftest import listed

PERSONS = {
    "p1": ["HASSAN, Jamil"],
    "p2": ["MOSLEH, Ismael Salman"],
    "p3": ["ABDELMALEK DROUKDEL"],
    "p4": ["KALASHNIKOV, Aleksandr"],
    "p5": ["SALEK, ABDULHAI"],
    "p6": ["QOSI, Ibrahim Ahmed Mahmoud"],
}
# Generated names nobody listed (from the development half, docs/screening.md).
OTHERS = ["Dacin Jamal Hassanah", "Ismail Suleiman"]
# Listed persons spelled otherwise: whole names respelt, or with one part exact.
FOUND = {
    "ABDELMALEK DROUKDAL": "p3",
    "Abdelmalik Droukdal": "p3",
    "Alexandr Kalashnikov": "p4",
    "ABDULHAI SALEK": "p5",
    "Ibrahim Ahmad Mahmud Qosi": "p6",
}


def _best(algorithm: str, name: str) -> tuple[str, float, str] | None:
    index = build_index([listed(k, v, "Person") for k, v in PERSONS.items()])
    query = parse_query({"name": name, "schema": "Person"})
    found = Screener([index], get_config(algorithm)).screen(query, 0.0, 1)
    if not found:
        return None
    return found[0].entity_id, found[0].score, str(found[0].explanation["name"]["rule"])


@pytest.mark.parametrize("name", OTHERS)
def test_nothing_exact_lowers_the_score(name: str) -> None:
    before, after = _best("name_v5", name), _best("name_v6", name)
    assert before is not None and after is not None
    assert before[1] >= 0.7 > after[1]
    assert after[2].endswith("nothing_exact")
    factor = get_config("name_v6").nothing_exact_factor  # type: ignore[union-attr]
    assert after[1] == pytest.approx(before[1] * factor, abs=1e-6)


@pytest.mark.parametrize(("name", "entity"), FOUND.items())
def test_respelt_names_keep_their_score(name: str, entity: str) -> None:
    before, after = _best("name_v5", name), _best("name_v6", name)
    assert before is not None and after == before
    assert after[0] == entity and after[1] >= 0.7
