from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from torturefree.errors import InputError
from torturefree.risk import EvidenceStore, RiskContext, RiskQuery, assess, open_context
from torturefree.risk.catalogue import load_kinds
from torturefree.risk.model import EvidenceKind, Weight
from torturefree.vocabulary import Category

LAW = Path(__file__).parent / "fixtures" / "law"


def test_every_kind_has_its_legal_weight() -> None:
    kinds = load_kinds()
    assert kinds.kinds[EvidenceKind.CPT_REPORT].weight is Weight.SHALL
    assert kinds.kinds[EvidenceKind.CIVIL_SOCIETY_REPORT].weight is Weight.MAY
    assert "12(2)" in kinds.kinds[EvidenceKind.INTERNATIONAL_COURT_JUDGMENT].citation.title


def test_a_longer_lookback_brings_older_evidence_into_it(context: RiskContext) -> None:
    query = RiskQuery("GM", dt.date(2023, 6, 1), frozenset({Category.TORTURE_CAPABLE}))
    short = assess(context, query)
    longer = assess(context, RiskQuery(**{**vars(query), "lookback_years": 10}))
    assert [e.within_lookback for e in short.evidence] == [True, False]
    assert all(e.within_lookback for e in longer.evidence)


def test_every_figure_shown_cites_dataset_and_year(context: RiskContext) -> None:
    result = assess(context, RiskQuery("US", dt.date(2023, 3, 1)))
    figures = {s.figure for s in result.sources}
    assert {"status", "executions", "death_sentences", "party:CAT"} <= figures
    assert all(s.year and s.dataset and s.citation for s in result.sources)
    assert "2022" in next(s.citation for s in result.sources if s.figure == "executions")


def test_unknown_country_is_bad_input(context: RiskContext) -> None:
    with pytest.raises(InputError) as error:
        assess(context, RiskQuery("ZZ", dt.date(2023, 1, 1)))
    assert error.value.field == "country"


def test_a_date_before_the_law_is_bad_input(context: RiskContext) -> None:
    with pytest.raises(InputError) as error:
        assess(context, RiskQuery("GM", dt.date(2010, 1, 1)))
    assert error.value.field == "date"


def test_shipped_amnesty_facts_serve_when_nothing_is_imported(store: EvidenceStore) -> None:
    result = assess(open_context(store, law_root=LAW), RiskQuery("SA", dt.date(2023, 1, 1)))
    assert result.death_penalty_status is not None
    assert result.death_penalty_status.value == "retentionist"
    source = next(s for s in result.sources if s.figure == "executions")
    assert (source.origin, source.year) == ("shipped", 2022)
    assert result.executions is not None and result.executions.value == 196
    # Treaty status ships too (issue #17): Saudi Arabia acceded to CAT in 1997, to none of the rest.
    assert result.ratifications == {"CAT": True, "OPCAT": False, "ICCPR-OP2": False, "CPED": False}


def test_an_empty_register_beside_country_scores_says_they_are_not_evidence(
    context: RiskContext,
) -> None:
    # Issue #20: "no evidence" and, on the next line, PTS scores read as a contradiction.
    result = assess(
        context, RiskQuery("RO", dt.date(2023, 1, 1), frozenset({Category.TORTURE_CAPABLE}))
    )
    found = {f.code: f.summary for f in result.findings}
    assert "torture_indicators" in found
    assert "not evidence items" in found["no_evidence_in_register"]
    assert "holds no evidence" not in found["no_evidence_in_register"]
