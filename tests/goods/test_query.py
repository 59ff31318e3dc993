from __future__ import annotations

import pytest

from torturefree.errors import InputError
from torturefree.goods.query import parse_query


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"id": "1"}, "description"),
        ({"hs_code": "93O4"}, "hs_code"),
        ({"hs_code": "1"}, "hs_code"),
        ({"cas": "2444-46-5"}, "cas"),
        ({"cas": "24444-6"}, "cas"),
        ({"description": ["a"]}, "description"),
        ({"description": "x", "parameters": {"calibre": "big"}}, "parameters.calibre"),
    ],
)
def test_bad_input_names_line_and_field(record: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as error:
        parse_query(record, line=7, source="in.jsonl")
    assert error.value.field == field
    assert error.value.line == 7
    assert "in.jsonl, line 7" in error.value.message


def test_good_input_is_normalised() -> None:
    query = parse_query({"id": 3, "cas": "2444464", "hs_code": "7326.90.98", "lang": "en"})
    assert query.cas == "2444-46-4" and query.id == "3" and query.hs_code == "7326.90.98"
