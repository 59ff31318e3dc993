"""The counting rules as executable scenarios; each test name is the rule in a sentence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from torturefree.records.annual import build_annual
from torturefree.records.counting import Tables
from torturefree.records.demo import Generator, load_spec
from torturefree.records.store import Store

from .scenario import Scenario


def _report(s: Scenario, tmp: Path, year: int, public: bool = False) -> dict[str, Any]:
    return build_annual(s.tables(tmp), year, public=public).as_json()


def _decisions(report: dict[str, Any], activity: str = "export") -> dict[str, Any]:
    rows = [r for r in report["tables"]["decisions"] if r["activity"] == activity]
    return rows[0] if rows else {}


def _att(report: dict[str, Any], basis: str, direction: str = "att_export") -> list[dict[str, Any]]:
    return [r for r in report["tables"][direction] if r["basis"] == basis]


def test_issued_then_revoked_counts_a_grant_and_a_revocation(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2024-02-01").decide("A", 1, "2024-03-01", "issued", line_version=1)
    s.decide("A", 2, "2024-09-01", "revoked").ship("A", 1, "2024-05-01", 30)
    row = _decisions(_report(s, tmp_path, 2024))
    assert (row["applications"], row["granted"], row["revoked"]) == (1, 1, 1)
    report = _report(s, tmp_path, 2024)
    assert _att(report, "authorised")[0]["number_of_items"] == 100  # still authorised that year
    assert _att(report, "actual")[0]["number_of_items"] == 30


def test_revocation_in_a_later_year_is_counted_in_that_year_only(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2023-11-01").decide("A", 1, "2023-12-01", "issued", line_version=1)
    s.decide("A", 2, "2024-02-01", "revoked")
    assert _decisions(_report(s, tmp_path, 2023))["revoked"] == 0
    row = _decisions(_report(s, tmp_path, 2024))
    assert (row["applications"], row["granted"], row["revoked"]) == (0, 0, 1)


def test_amended_licence_is_not_a_second_grant_and_reports_amended_lines(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2024-01-10").decide("A", 1, "2024-02-01", "issued", line_version=1)
    s.apply("A", "2024-01-10", version=2, quantity=250)
    s.decide("A", 2, "2024-06-01", "amended", line_version=2)
    report = _report(s, tmp_path, 2024)
    row = _decisions(report)
    assert (row["granted"], row["amended"]) == (1, 1)
    assert [r["number_of_items"] for r in _att(report, "authorised")] == [250]


def test_amendment_after_the_year_end_does_not_rewrite_that_year(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2024-01-10").decide("A", 1, "2024-02-01", "issued", line_version=1)
    s.apply("A", "2024-01-10", version=2, quantity=250)
    s.decide("A", 2, "2025-03-01", "amended", line_version=2)
    assert [r["number_of_items"] for r in _att(_report(s, tmp_path, 2024), "authorised")] == [100]
    later = _report(s, tmp_path, 2025)
    assert _decisions(later)["amended"] == 1 and _att(later, "authorised") == []


def test_refusal_under_a_national_ban_is_not_counted_as_a_refusal(tmp_path: Path) -> None:
    s = (
        Scenario()
        .apply("A", "2024-03-01")
        .decide("A", 1, "2024-04-01", "refused", refusal_ground="national_ban")
    )
    s.apply("B", "2024-03-02").decide("B", 1, "2024-04-02", "refused", refusal_ground="diversion")
    row = _decisions(_report(s, tmp_path, 2024))
    assert (row["applications"], row["refused"], row["refused_national_ban"]) == (2, 1, 1)


def test_global_licence_spanning_two_years_is_granted_once_and_shipped_in_both(
    tmp_path: Path,
) -> None:
    s = Scenario().apply("G", "2024-10-01", kind="global", quantity=1000)
    s.decide("G", 1, "2024-11-01", "issued", line_version=1, valid_until="2026-10-31")
    s.ship("G", 1, "2024-12-01", 200).ship("G", 2, "2025-03-01", 300)
    first, second = _report(s, tmp_path, 2024), _report(s, tmp_path, 2025)
    assert _decisions(first)["granted"] == 1 and _decisions(second).get("granted", 0) == 0
    assert [r["number_of_items"] for r in _att(first, "authorised")] == [1000]
    assert _att(second, "authorised") == []
    assert [r["number_of_items"] for r in _att(first, "actual")] == [200]
    assert [r["number_of_items"] for r in _att(second, "actual")] == [300]


def test_application_and_decision_in_different_years_count_in_their_own_years(
    tmp_path: Path,
) -> None:
    s = Scenario().apply("A", "2023-12-20").decide("A", 1, "2024-01-15", "issued", line_version=1)
    assert _decisions(_report(s, tmp_path, 2023))["applications"] == 1
    assert _decisions(_report(s, tmp_path, 2023))["granted"] == 0
    assert _decisions(_report(s, tmp_path, 2024))["granted"] == 1


def test_imports_are_reported_against_the_exporting_state(tmp_path: Path) -> None:
    s = Scenario().apply("I", "2024-02-01", activity="import", partner="CH")
    s.decide("I", 1, "2024-02-10", "issued", line_version=1)
    report = _report(s, tmp_path, 2024)
    assert [r["partner"] for r in _att(report, "authorised", "att_import")] == ["CH"]
    assert report["nil_report"] == {"export": True, "import": False}


def test_a_year_without_activity_is_a_nil_report(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2024-02-01").decide("A", 1, "2024-03-01", "issued", line_version=1)
    report = _report(s, tmp_path, 2022)
    assert report["nil_report"] == {"export": True, "import": True}
    assert report["tables"]["decisions"] == []


def test_public_version_withholds_sensitive_applications_and_says_so(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2024-02-01", partner="US")
    s.decide("A", 1, "2024-03-01", "issued", line_version=1, sensitive=True)
    s.apply("B", "2024-02-01").decide("B", 1, "2024-03-01", "issued", line_version=1)
    full, public = _report(s, tmp_path, 2024), _report(s, tmp_path, 2024, public=True)
    assert _decisions(full)["granted"] == 2 and full["sensitive_applications"] == 1
    assert not full["withheld"]
    assert _decisions(public)["granted"] == 1 and public["withheld"] is True
    assert "US" not in {r["partner"] for r in public["tables"]["countries"]}
    assert "US" in {r["partner"] for r in full["tables"]["countries"]}


def test_trend_applies_the_same_rules_year_by_year(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2022-02-01").decide("A", 1, "2022-03-01", "issued", line_version=1)
    s.apply("B", "2024-02-01").decide("B", 1, "2024-03-01", "refused", refusal_ground="other")
    trend = {r["year"]: r for r in _report(s, tmp_path, 2024)["tables"]["trend"]}
    assert sorted(trend) == [2020, 2021, 2022, 2023, 2024]
    assert (trend[2022]["granted"], trend[2024]["refused"], trend[2023]["granted"]) == (1, 1, 0)


def test_public_tables_prepared_at_load_give_the_report_the_rule_gives(tmp_path: Path) -> None:
    spec = load_spec(Path(__file__).with_name("fixtures") / "demo-spec.yaml")
    with Store.open(tmp_path / "demo.sqlite3") as store:
        store.write(Generator(spec, seed=3).records(range(2021, 2025), 150))
        prepared = Tables.from_arrow(store.arrow_tables())
    on_the_fly = replace(prepared, public=None)  # build_annual then applies public_view itself
    for year in (2022, 2024):
        fast = build_annual(prepared, year, public=True).as_json()
        assert fast == build_annual(on_the_fly, year, public=True).as_json()
        assert fast["withheld"] is True


def test_trend_counts_each_of_five_years_with_zeros_for_quiet_ones(tmp_path: Path) -> None:
    s = Scenario().apply("A", "2022-02-01").decide("A", 1, "2022-03-01", "issued", line_version=1)
    s.apply("B", "2024-02-01").decide("B", 1, "2024-03-01", "refused", refusal_ground="other")
    trend = _report(s, tmp_path, 2024)["tables"]["trend"]
    assert [row["year"] for row in trend] == [2020, 2021, 2022, 2023, 2024]
    assert [(r["applications"], r["granted"], r["refused"]) for r in trend] == [
        (0, 0, 0), (0, 0, 0), (1, 1, 0), (0, 0, 0), (1, 0, 1),
    ]  # fmt: skip
