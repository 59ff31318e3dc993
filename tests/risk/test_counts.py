from __future__ import annotations

import pytest

from torturefree.risk.counts import parse_count


@pytest.mark.parametrize(
    ("raw", "minimum", "lower_bound", "unknown"),
    [
        (0, 0, False, False),
        ("18", 18, False, False),
        ("26+", 26, True, False),
        ("11+ ", 11, True, False),
        ("+", 2, True, False),
        ("+ ", 2, True, False),
        ("1,000s", 1000, True, False),
        ("1000s", 1000, True, False),
        ("TBC", None, False, True),
        ("?", None, False, True),
        ("-", None, False, True),
    ],
)
def test_amnesty_counts_keep_their_qualifiers(
    raw: object, minimum: int | None, lower_bound: bool, unknown: bool
) -> None:
    count = parse_count(raw)
    assert count is not None
    assert (count.minimum, count.lower_bound, count.unknown) == (minimum, lower_bound, unknown)


def test_an_empty_cell_is_no_figure_not_zero() -> None:
    assert parse_count("") is None
    assert parse_count(None) is None


def test_an_unreadable_count_is_refused() -> None:
    with pytest.raises(ValueError, match="not a count"):
        parse_count("about ten")
