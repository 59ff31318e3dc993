"""The mechanism's rules come from the dated parameters, and the clocks from the cited periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from tests.amendments.kit import RECEIVED, catalogue, rules

from torturefree.lists.amendments import clocks
from torturefree.lists.amendments.rules import PARAMETERS, rules_on
from torturefree.lists.catalogue import load_catalogue
from torturefree.lists.errors import DataError
from torturefree.paths import builtin_data_dir


def test_rules_read_every_parameter_with_its_citation() -> None:
    found = rules()
    assert found["questions"] == 3
    assert found["decision"] == 20
    assert found["objection"] == {"period": 2, "extension": 2}
    assert "Article 25(2)" in found.cite("questions")
    assert "Article 25(2)" in found.cite("decision")
    assert "Article 29(6)" in found.cite("objection")
    assert "Rule 13" in found.cite("voting")
    assert "paragraph 122" in found.cite("panel")
    assert "paragraph 108" in found.cite("urgency")


def test_no_rules_before_the_mechanism_existed() -> None:
    with pytest.raises(DataError, match="amendment-questions-period"):
        rules_on(catalogue(), dt.date(2020, 1, 1))


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert clocks.add_months(dt.date(2027, 1, 15), 3) == dt.date(2027, 4, 15)
    assert clocks.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert clocks.add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


def test_ordinary_clocks_follow_articles_25_and_29() -> None:
    found = rules()
    assert clocks.questions_by(found, RECEIVED) == dt.date(2027, 4, 15)
    assert clocks.decision_by(found, RECEIVED, False, None) == RECEIVED + dt.timedelta(weeks=20)
    answer = dt.date(2027, 3, 1)
    assert clocks.decision_by(found, RECEIVED, False, answer) == answer + dt.timedelta(weeks=20)
    decided = dt.date(2027, 5, 31)
    assert clocks.objection_until(found, decided) == dt.date(2027, 7, 31)
    assert clocks.objection_until(found, decided, extended=True) == dt.date(2027, 9, 30)
    assert clocks.applies_from(found, decided, urgent=False) == dt.date(2027, 8, 1)
    assert clocks.applies_from(found, decided, False, extended=True) == dt.date(2027, 10, 1)


def test_urgent_clocks_are_the_urgency_route() -> None:
    found = rules()
    assert clocks.decision_by(found, RECEIVED, True, None) == RECEIVED + dt.timedelta(days=28)
    decided = dt.date(2027, 2, 1)
    assert clocks.applies_from(found, decided, urgent=True) == dt.date(2027, 2, 2)


def test_a_changed_parameter_changes_the_clock(tmp_path: Path) -> None:
    """The numbers are data: a new dated version of the decision period moves the clock."""
    import shutil

    root = tmp_path / "data"
    shutil.copytree(builtin_data_dir(), root)
    path = root / "parameters" / "amendment-decision-period.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["versions"][0]["valid_until"] = dt.date(2026, 12, 31)
    doc["versions"].append(
        {
            "valid_from": dt.date(2027, 1, 1),
            "value": 12,
            "citation": {"title": "Test rules of procedure"},
        }
    )
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    changed = rules_on(load_catalogue(root), RECEIVED)
    assert clocks.decision_by(changed, RECEIVED, False, None) == RECEIVED + dt.timedelta(weeks=12)
    assert changed.cite("decision") == "Test rules of procedure"
    earlier = rules_on(load_catalogue(root), dt.date(2026, 6, 1))
    assert earlier["decision"] == 20


def test_every_rule_is_a_shipped_parameter() -> None:
    for parameter_id in PARAMETERS.values():
        assert parameter_id in catalogue().parameters
