"""The service's Annex V reader answers as the core's, from the catalogue already loaded."""

from __future__ import annotations

import datetime as dt

import pytest
from torturefree_service.checks import engines

from torturefree.risk.law import CatalogueLaw


@pytest.mark.parametrize("day", [dt.date(2021, 6, 1), dt.date(2025, 9, 1)])
def test_loaded_law_answers_as_the_core_does(day: dt.date) -> None:
    set_id = engines.risk_context().config.destination_set
    ours, core = engines.LoadedLaw(set_id), CatalogueLaw(set_id)
    for country in ("BR", "US", "CA", "NO", "CN", "JP", "CH"):
        assert ours.general_authorisation(country, day) == core.general_authorisation(country, day)
    assert any(ours.general_authorisation(c, day).member for c in ("US", "CA", "NO", "JP"))
